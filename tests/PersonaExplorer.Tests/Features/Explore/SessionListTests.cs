using Bunit;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore;

public class SessionListTests
{
    [Fact]
    public async Task A_person_with_2000_sessions_gets_a_screenful_of_rows_newest_first()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        await ws.SeedSessionsAsync(2000, i => $"Exploration {i}");
        await using var ctx = BunitSetup.Create(ws);

        var cut = ctx.Render<SessionList>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=session-item]")));
        var rows = cut.FindAll("[data-testid=session-item]");
        Assert.True(rows.Count <= 100, $"{rows.Count} of 2000 sessions rendered");
        Assert.Contains("Exploration 2000", rows[0].TextContent);
        Assert.Contains("Exploration 1999", rows[1].TextContent);
        Assert.Equal("2000", cut.Find("[data-testid=session-list]").GetAttribute("data-session-count"));
        Assert.DoesNotContain("Your explorations will be listed here.", cut.Markup);
    }

    [Fact]
    public async Task A_new_session_appears_at_the_top_without_a_reload()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("Here is a plan."));
        await using var ctx = BunitSetup.Create(ws);
        var cut = ctx.Render<SessionList>();
        cut.WaitForAssertion(() => Assert.Contains("Your explorations will be listed here.", cut.Markup));

        await cut.InvokeAsync(() => ws.Explore.SendAsync("Plan a day in Graz"));
        await ws.AnswerAsync();

        cut.WaitForAssertion(() => Assert.Contains("Plan a day in Graz", cut.Find("[data-testid=session-item]").TextContent));
        Assert.DoesNotContain("Your explorations will be listed here.", cut.Markup);
    }
}
