using Bunit;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore;

public class ChatPanelTests
{
    [Fact]
    public async Task A_300_message_session_renders_far_fewer_message_items_and_its_newest_message_last()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        var (session, ids) = await SeedAsync(ws, 300);
        await ws.Explore.LoadAsync(session);
        await using var ctx = BunitSetup.Create(ws);

        var cut = ctx.Render<ChatPanel>();

        var items = cut.FindAll("[data-testid=chat-message]");
        // bUnit reports a huge viewport: the list renders as many earlier messages as it ever would, and its overscan.
        Assert.InRange(items.Count, ChatWindow.NewestShown, ChatWindow.NewestShown + ChatWindow.MaxRenderedEarlier + 2 * ChatWindow.Overscan);
        Assert.True(items.Count <= 300 / 5, $"{items.Count} of 300 messages rendered");
        Assert.Equal(ids[^1].ToString(), items[^1].GetAttribute("data-message-id"));
        Assert.Equal("300", cut.Find("[data-testid=chat-messages]").GetAttribute("data-message-count"));
        // Only the newest answer offers Regenerate, as before.
        Assert.Single(cut.FindAll("[data-testid=chat-regenerate]"));
    }

    [Fact]
    public async Task A_short_session_renders_every_message_in_order()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        var (session, ids) = await SeedAsync(ws, 4);
        await ws.Explore.LoadAsync(session);
        await using var ctx = BunitSetup.Create(ws);

        var cut = ctx.Render<ChatPanel>();

        Assert.Equal(ids.Select(i => i.ToString()), cut.FindAll("[data-testid=chat-message]").Select(m => m.GetAttribute("data-message-id")));
    }

    [Fact]
    public async Task A_message_sent_in_a_long_session_is_rendered_at_the_end()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("Here is more."), limits: l => l.MessagesPerWindow = 100);
        var (session, _) = await SeedAsync(ws, 120);
        await ws.Explore.LoadAsync(session);
        await using var ctx = BunitSetup.Create(ws);
        var cut = ctx.Render<ChatPanel>();

        await cut.InvokeAsync(() => ws.Explore.SendAsync("And one more question"));
        await ws.AnswerAsync();

        cut.WaitForAssertion(() =>
        {
            var items = cut.FindAll("[data-testid=chat-message]");
            Assert.Contains("And one more question", items[^2].TextContent);
            Assert.Contains("Here is more.", items[^1].TextContent);
            Assert.True(items.Count < 122, $"{items.Count} of 122 messages rendered");
        });
    }

    /// <summary>A session of <paramref name="count"/> alternating messages, stored as the chat stores them.</summary>
    private static async Task<(Guid Session, List<Guid> Ids)> SeedAsync(Workspace ws, int count)
    {
        var session = await ws.Sessions.CreateAsync("A long exploration", null);
        var ids = new List<Guid>();
        for (var i = 1; i <= count; i++)
        {
            var message = i % 2 == 1
                ? await ws.Sessions.AddUserMessageAsync(session.Id, $"Question {i}: what about day {i}?")
                : new Message { SessionId = session.Id, Role = MessageRole.Assistant, Content = $"**Answer {i}**: a plan for day {i}.", Status = MessageStatus.Complete };
            if (message.Role == MessageRole.Assistant) await ws.Sessions.AddAnswerAsync(message);
            ids.Add(message.Id);
        }
        return (session.Id, ids);
    }
}
