using Bunit;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore;

public class ChatMessageItemTests
{
    [Fact]
    public async Task An_answer_is_rendered_as_markdown_with_scripts_and_handlers_removed()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        await using var ctx = BunitSetup.Create(ws);
        var message = new Message
        {
            Role = MessageRole.Assistant, Model = "gpt",
            Content = "**Bold** <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>",
        };

        var cut = ctx.Render<ChatMessageItem>(p => p.Add(c => c.Message, message));

        var answer = cut.Find("[data-testid=answer-text]");
        Assert.Contains("<strong>Bold</strong>", answer.InnerHtml);
        Assert.Empty(answer.QuerySelectorAll("script, img, [onerror]"));
        Assert.All(answer.QuerySelectorAll("a"), a => Assert.DoesNotContain("javascript", a.GetAttribute("href") ?? ""));
        Assert.Contains("&lt;script&gt;", answer.InnerHtml); // shown as text, never run
    }

    [Fact]
    public async Task A_failed_last_answer_shows_its_reason_and_a_retry_button()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        await using var ctx = BunitSetup.Create(ws);
        var message = new Message { Role = MessageRole.Assistant, Content = "Half an ans", Status = MessageStatus.Failed, Error = "The answer was cut off." };

        var cut = ctx.Render<ChatMessageItem>(p => p.Add(c => c.Message, message).Add(c => c.IsLast, true));

        var root = cut.Find("[data-testid=chat-message]");
        Assert.Equal("assistant", root.GetAttribute("data-role"));
        Assert.Equal("failed", root.GetAttribute("data-status"));
        Assert.Contains("cut off", cut.Find("[data-testid=answer-problem]").TextContent);
        Assert.Contains("Half an ans", cut.Find("[data-testid=answer-text]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=chat-retry]"));
    }

    [Fact]
    public async Task A_demo_answer_carries_the_demo_badge_and_a_user_message_is_plain_text()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        await using var ctx = BunitSetup.Create(ws);

        var demo = ctx.Render<ChatMessageItem>(p => p.Add(c => c.Message,
            new Message { Role = MessageRole.Assistant, Content = "hi", Model = PersonaExplorer.Ai.ModelInfo.OfflineModelName }));
        var user = ctx.Render<ChatMessageItem>(p => p.Add(c => c.Message, new Message { Role = MessageRole.User, Content = "**not bold**" }));

        Assert.Single(demo.FindAll("[data-testid=demo-badge]"));
        Assert.Equal("user", user.Find("[data-testid=chat-message]").GetAttribute("data-role"));
        Assert.Contains("**not bold**", user.Markup);
    }
}
