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
    private static async Task<PersonaExplorer.Ai.Agents.AgentCallTrace> WaitForCallAsync(Func<Task<List<PersonaExplorer.Ai.Agents.AgentCallTrace>>> calls, string agent)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await calls()).FirstOrDefault(c => c.Agent == agent) is { } call) return call;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"no {agent} call was recorded");
    }

    [Fact]
    public async Task The_curators_call_joins_the_turns_traces()
    {
        await using var ws = await Workspace.CreateOfflineAsync();

        await ws.Explore.SendAsync("I am vegetarian. Plan a day in Vienna.");
        await ws.AnswerAsync(TimeSpan.FromSeconds(60));
        var session = ws.Explore.SessionId!.Value;
        var turn = ws.Care.CurrentTurnId!.Value;

        var records = ws.Services.GetRequiredService<TurnRecordStore>();
        // Read back as the inspector loads a turn when it opens: the circuit itself keeps no calls.
        var curator = await WaitForCallAsync(() => records.ListCallsAsync(session, turn), ProfileCurator.AgentName);
        Assert.Contains("<current_concepts>", curator.Messages[0].Text);
        Assert.Contains("prefers vegetarian food", curator.ResultJson);
        await using var db = ws.Db();
        Assert.Equal(turn, (await db.AgentTraces.SingleAsync(t => t.SessionId == session && t.Agent == ProfileCurator.AgentName)).TurnId);
        Assert.Contains(await records.ListTurnsAsync(session), t => t.TurnId == turn);
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
        var calls = await ws.Services.GetRequiredService<TurnRecordStore>().ListCallsAsync(ws.Explore.SessionId!.Value, turn);
        var built = Assert.Single(calls, c => c.Agent == ProfileTextBuilder.AgentName);
        Assert.Contains("<user_text>", built.Messages[0].Text);
    }
}
