using PersonaExplorer.Ai.Agents;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>The curator's and the text builder's calls join the turn's traces: stored, and shown in the open turn inspector.</summary>
public sealed class CareCallRecorder(TurnRecordStore records, CareState state) : ITurnCallRecorder
{
    public async Task RecordAsync(Guid sessionId, Guid? turnId, IReadOnlyList<AgentCallTrace> calls, CancellationToken ct = default)
    {
        var turn = turnId ?? (state.SessionId == sessionId ? state.CurrentTurnId : null);
        if (turn is not { } id || calls.Count == 0) return;
        await records.SaveTracesAsync(sessionId, id, calls, ct);
        state.AddTraces(sessionId, id, calls);
    }
}
