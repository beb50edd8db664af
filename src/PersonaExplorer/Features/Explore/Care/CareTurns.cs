using PersonaExplorer.Ai;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Profiles.Steering;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>
/// The workspace's entry point to the CARE turn: starts the panel agents beside each answer (when the circuit shows
/// any CARE panel), re-runs the solutions, and tells the panels what steers the session's answers.
/// </summary>
public sealed class CareTurns(CareOrchestrator orchestrator, CareActions actions, SteeringContextBuilder steering, WorkspaceFeatures features)
{
    /// <summary>What steers the session's next answer: exactly what the chat sends.</summary>
    public Task<TurnContext> ContextAsync(Guid sessionId, CancellationToken ct = default) => steering.ForSessionAsync(sessionId, ct);

    /// <summary>The panels show this session's needs, cards and sub-tasks (or nothing for a new exploration).</summary>
    public Task EnsureSessionAsync(Guid? sessionId, Guid? profileId = null) => actions.EnsureSessionAsync(sessionId, profileId);

    /// <summary>
    /// Starts the panel agents for a new user message (cancels the previous turn's) and returns their task, which never
    /// throws. The turn runs on the thread pool, never on the caller's (circuit's) context ahead of the chat answer;
    /// <paramref name="chatFirstToken"/> is the answer's first token, which a ChatFirst provider waits for. "Chat only"
    /// runs no panel agents.
    /// </summary>
    public Task StartTurnAsync(Guid sessionId, Guid userMessageId, TurnContext context, Task? chatFirstToken = null) =>
        features.CarePanels
            ? Task.Run(() => orchestrator.StartTurnAsync(sessionId, userMessageId, context, chatFirstToken))
            : Task.CompletedTask;

    /// <summary>"Update solutions": designs and ranks again from the current needs, picks and pins.</summary>
    public async Task UpdateSolutionsAsync(Guid sessionId, CancellationToken ct = default)
    {
        await actions.LogSolutionsUpdateAsync(sessionId);
        await orchestrator.UpdateSolutionsAsync(sessionId, await ContextAsync(sessionId, ct), ct);
    }

    /// <summary>Live steering: the cards follow the profile too (no log entry: the steering edit is logged).</summary>
    public Task FollowSteeringAsync(Guid sessionId, TurnContext context) => orchestrator.UpdateSolutionsAsync(sessionId, context);

    /// <summary>Cancels the panel agents of the running turn (an edited or regenerated message).</summary>
    public void Cancel() => orchestrator.Cancel();
}
