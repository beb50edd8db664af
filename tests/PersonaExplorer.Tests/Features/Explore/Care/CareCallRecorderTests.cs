using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Profiles.Curator;

namespace PersonaExplorer.Tests.Features.Explore.Care;

/// <summary>The curator's and the text builder's model calls are listed in the turn inspector like the panel agents'.</summary>
public class CareCallRecorderTests
{
    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(100);
        Assert.True(condition(), "timed out");
    }

    [Fact]
    public async Task The_curators_call_joins_the_turns_traces()
    {
        await using var ws = await Workspace.CreateOfflineAsync();

        await ws.Explore.SendAsync("I am vegetarian. Plan a day in Vienna.");
        await ws.AnswerAsync(TimeSpan.FromSeconds(60));
        var session = ws.Explore.SessionId!.Value;
        var turn = ws.Care.CurrentTurnId!.Value;

        await WaitUntil(() => ws.Care.Traces.Any(t => t.Call.Agent == ProfileCurator.AgentName));
        var curator = ws.Care.Traces.Single(t => t.Call.Agent == ProfileCurator.AgentName);
        Assert.Equal(turn, curator.TurnId);
        Assert.Contains("<current_concepts>", curator.Call.Messages[0].Text);
        Assert.Contains("prefers vegetarian food", curator.Call.ResultJson);
        await using var db = ws.Db();
        Assert.Equal(turn, (await db.AgentTraces.SingleAsync(t => t.SessionId == session && t.Agent == ProfileCurator.AgentName)).TurnId);
        // Read back as the inspector loads a session.
        Assert.Contains(await ws.Services.GetRequiredService<TurnRecordStore>().ListTracesAsync(session), t => t.Call.Agent == ProfileCurator.AgentName);
    }

    [Fact]
    public async Task Building_from_text_in_the_workspace_joins_the_current_turns_traces()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        await ws.Explore.SendAsync("Plan a day in Vienna.");
        await ws.AnswerAsync(TimeSpan.FromSeconds(60));
        var turn = ws.Care.CurrentTurnId!.Value;

        var (added, error) = await ws.Services.GetRequiredService<ProfileTextBuilder>().BuildAsync(ws.Profile.Active!.Id, "I'm on a tight budget this year.");

        Assert.Null(error);
        Assert.NotEmpty(added);
        var built = Assert.Single(ws.Care.Traces, t => t.Call.Agent == ProfileTextBuilder.AgentName);
        Assert.Equal(turn, built.TurnId);
        Assert.Contains("<user_text>", built.Call.Messages[0].Text);
    }
}
