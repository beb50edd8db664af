namespace PersonaExplorer.Ai.Agents;

/// <summary>
/// Records structured calls made for a session outside the panel agents (the profile curator, "build from my text"), so the
/// turn inspector lists them beside the agents'. The workspace implements it; without a workspace nothing is recorded.
/// </summary>
public interface ITurnCallRecorder
{
    /// <param name="turnId">The user message that started the turn, or null for the session's current turn.</param>
    Task RecordAsync(Guid sessionId, Guid? turnId, IReadOnlyList<AgentCallTrace> calls, CancellationToken ct = default);
}
