using PersonaExplorer.Ai;
using PersonaExplorer.Features.Profiles;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>
/// The panels' entry point to the CARE turn: the answer's steering context and the panel agents, for this circuit's
/// profile (a study participant's own one, or the active profile).
/// </summary>
public sealed class CareTurns(CareOrchestrator orchestrator, CareActions actions, ProfileStore profiles, ProfileState profileState,
    ExploreState explore, ModelInfo model, ILogger<CareTurns> logger)
{
    /// <summary>
    /// What steers an answer: the enabled concepts the caller already has (or, when null, the active profile's) plus
    /// confirmed or edited needs, picked options and pinned cards of the session.
    /// </summary>
    public async Task<TurnContext> ContextAsync(Guid sessionId, IReadOnlyList<PromptConcept>? concepts = null, CancellationToken ct = default)
    {
        // The open session: exactly what the chat would send (top-K concepts, study-condition instructions included).
        if (concepts is null && explore.SessionId == sessionId) return await explore.NextContextAsync();
        if (concepts is null)
        {
            var profile = await profileState.CurrentAsync();
            concepts = await profiles.PromptConceptsAsync(profile.Id, sessionId, model, ct);
        }
        return await orchestrator.BuildContextAsync(sessionId, concepts, ct);
    }

    /// <summary>Starts the panel agents for a new user message (cancels the previous turn's). Fire and forget: it never throws.</summary>
    public async Task StartTurnAsync(Guid sessionId, Guid userMessageId, CancellationToken ct = default)
    {
        try
        {
            var profile = await profileState.CurrentAsync();
            await actions.EnsureSessionAsync(sessionId, profile.Id);
            var context = await ContextAsync(sessionId, await profiles.PromptConceptsAsync(profile.Id, sessionId, model, ct), ct);
            await orchestrator.StartTurnAsync(sessionId, userMessageId, context, ct);
        }
        catch (OperationCanceledException)
        {
            // A newer turn or the end of the circuit.
        }
        catch (Exception ex)
        {
            // Called fire-and-forget by the chat: the panels show what they have; the chat answer is unaffected.
            logger.LogError(ex, "The CARE turn for message {MessageId} could not start", userMessageId);
        }
    }

    /// <summary>"Update solutions": designs and ranks again from the current needs, picks and pins.</summary>
    public async Task UpdateSolutionsAsync(Guid sessionId, CancellationToken ct = default)
    {
        await actions.LogSolutionsUpdateAsync(sessionId);
        await orchestrator.UpdateSolutionsAsync(sessionId, await ContextAsync(sessionId, ct: ct), ct);
    }

    /// <summary>Cancels the panel agents of the running turn (an edited or regenerated message).</summary>
    public void Cancel() => orchestrator.Cancel();
}
