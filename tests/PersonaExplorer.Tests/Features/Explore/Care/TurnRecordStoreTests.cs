using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore.Care;

/// <summary>The turn inspector reads a session's traces on demand: the list of turns without their calls, then one turn's calls.</summary>
public class TurnRecordStoreTests
{
    [Fact]
    public async Task The_newest_turns_are_listed_oldest_first_with_their_numbers_in_the_session()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        var records = ws.Services.GetRequiredService<TurnRecordStore>();
        var session = await ws.Sessions.CreateAsync("Trip", null);
        var start = DateTime.UtcNow.AddHours(-1);
        var turns = Enumerable.Range(0, TurnRecordStore.MaxListedTurns + 5).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < turns.Count; i++)
            await records.SaveTracesAsync(session.Id, turns[i], [Call("needs", start.AddMinutes(i)), Call("planner", start.AddMinutes(i).AddSeconds(1))]);

        var listed = await records.ListTurnsAsync(session.Id);

        Assert.Equal(turns.TakeLast(TurnRecordStore.MaxListedTurns), listed.Select(t => t.TurnId));
        Assert.Equal(Enumerable.Range(6, TurnRecordStore.MaxListedTurns), listed.Select(t => t.Number));
        Assert.Equal(turns[^1], await records.LatestTurnAsync(session.Id));
    }

    [Fact]
    public async Task A_turns_calls_are_loaded_alone_in_the_order_they_started()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        var records = ws.Services.GetRequiredService<TurnRecordStore>();
        var session = await ws.Sessions.CreateAsync("Trip", null);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var start = DateTime.UtcNow.AddMinutes(-5);
        await records.SaveTracesAsync(session.Id, first, [Call("ranker", start.AddSeconds(2)), Call("needs", start)]);
        await records.SaveTracesAsync(session.Id, second, [Call("solutions", start.AddSeconds(3))]);

        var calls = await records.ListCallsAsync(session.Id, first);

        Assert.Equal(["needs", "ranker"], calls.Select(c => c.Agent));
        Assert.Equal("hello from needs", calls[0].Messages[0].Text);
        Assert.Empty(await records.ListCallsAsync(session.Id, Guid.NewGuid()));
    }

    private static AgentCallTrace Call(string agent, DateTime started) =>
        new(agent, 1, [new TracedMessage("user", $"hello from {agent}")], "{}", null, 10, 5, 3, "test-model", started);
}
