using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore;

public class SessionStoreTests
{
    [Fact]
    public async Task A_new_session_is_named_after_the_first_line_of_its_first_message()
    {
        Assert.Equal("Plan a trip to Rome", SessionStore.TitleFrom("  Plan a trip to Rome\nwith kids"));
        Assert.Equal(58, SessionStore.TitleFrom(new string('a', 100)).Length);
        Assert.Equal("New exploration", SessionStore.TitleFrom("   "));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Messages_sent_at_once_from_two_tabs_get_distinct_places_and_a_taken_place_is_refused()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        var s = await ws.Sessions.CreateAsync("Trip", null);

        var sent = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => ws.Sessions.AddUserMessageAsync(s.Id, $"tab {i}"))));

        Assert.Equal(Enumerable.Range(1, 6), sent.Select(m => m.Sequence).Order());
        await using var db = ws.Db();
        db.Messages.Add(new Message { SessionId = s.Id, Sequence = 3, Role = MessageRole.User, Content = "same place" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync()); // (SessionId, Sequence) is unique
    }

    [Fact]
    public async Task Renaming_rejects_an_empty_name_and_keeps_the_old_one()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        var s = await ws.Sessions.CreateAsync("Trip", null);

        Assert.NotNull(await ws.Sessions.RenameAsync(s.Id, "   "));
        Assert.Null(await ws.Sessions.RenameAsync(s.Id, "Rome in May"));

        Assert.Equal("Rome in May", (await ws.Sessions.FindAsync(s.Id))!.Title);
    }

    [Fact]
    public async Task Deleting_a_session_removes_its_messages_needs_and_cards()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        var s = await ws.Sessions.CreateAsync("Trip", null);
        await ws.Sessions.AddUserMessageAsync(s.Id, "hello");
        await using (var db = ws.Db())
        {
            db.Needs.Add(new Need { SessionId = s.Id, Statement = "stay near the centre" });
            db.SolutionCards.Add(new SolutionCard { SessionId = s.Id, Title = "Old town B&B" });
            await db.SaveChangesAsync();
        }

        await ws.Sessions.DeleteAsync(s.Id);

        await using var check = ws.Db();
        Assert.Equal(0, await check.Sessions.CountAsync());
        Assert.Equal(0, await check.Messages.CountAsync());
        Assert.Equal(0, await check.Needs.CountAsync());
        Assert.Equal(0, await check.SolutionCards.CountAsync());
    }

    [Fact]
    public async Task Sessions_are_listed_most_recently_used_first()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        var a = await ws.Sessions.CreateAsync("A", null);
        var b = await ws.Sessions.CreateAsync("B", null);
        await Task.Delay(5);
        await ws.Sessions.AddUserMessageAsync(a.Id, "back to A");

        Assert.Equal(["A", "B"], (await ws.Sessions.PageAsync(0, 10)).Items.Select(s => s.Title));
        _ = b;
    }

    [Fact]
    public async Task Sessions_are_read_a_page_at_a_time_with_the_total_and_never_more_than_the_page_limit()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        await ws.SeedSessionsAsync(250, i => $"S{i}");

        var second = await ws.Sessions.PageAsync(10, 5);
        var huge = await ws.Sessions.PageAsync(0, 10_000);
        var past = await ws.Sessions.PageAsync(400, 5);

        Assert.Equal(["S240", "S239", "S238", "S237", "S236"], second.Items.Select(s => s.Title));
        Assert.Equal(250, second.Total);
        Assert.Equal(SessionStore.MaxPageSize, huge.Items.Count);
        Assert.Empty(past.Items);
        Assert.Equal(250, past.Total);
    }
}
