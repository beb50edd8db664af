using Bunit;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore;

public class ChatInputTests
{
    [Fact]
    public async Task A_message_over_the_limit_shows_why_and_cannot_be_sent()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"), explore: o => o.MaxMessageChars = 50);
        await using var ctx = BunitSetup.Create(ws);
        var cut = ctx.Render<ChatInput>();

        cut.Find("[data-testid=chat-input]").Input(new string('a', 51));

        cut.WaitForAssertion(() => Assert.Contains("the limit is 50", cut.Markup));
        Assert.True(cut.Find("[data-testid=chat-send]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Sending_clears_the_field_and_starts_an_answer()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("Sure."));
        await using var ctx = BunitSetup.Create(ws);
        var cut = ctx.Render<ChatInput>();

        cut.Find("[data-testid=chat-input]").Input("Plan a trip");
        await cut.Find("[data-testid=chat-send]").ClickAsync(new());
        await ws.AnswerAsync();

        Assert.Equal("", cut.Find("[data-testid=chat-input]").GetAttribute("value") ?? "");
        Assert.Equal("Plan a trip", ws.Explore.Messages[0].Content);
    }

    [Fact]
    public async Task An_oversized_paste_reported_by_the_browser_becomes_a_message_not_a_crash()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        await using var ctx = BunitSetup.Create(ws);
        var cut = ctx.Render<ChatInput>();

        await cut.InvokeAsync(() => cut.Instance.PasteRefused(2_000_000));

        cut.WaitForAssertion(() => Assert.Contains("2,000,000 characters", cut.Markup));
    }
}
