using PersonaExplorer.Ai;

namespace PersonaExplorer.Features.Profiles.Steering;

/// <summary>
/// What the open workspace adds to the profile when it steers an answer. The workspace implements it, so the profile
/// room never references the workspace.
/// </summary>
public interface IWorkspaceSteering
{
    /// <summary>With more eligible concepts than this, the prompt carries the ones most relevant to the request.</summary>
    int MaxPromptConcepts { get; }

    /// <summary>A study condition's extra system prompt, or null.</summary>
    string? ConditionInstructions { get; }

    /// <summary>A study condition's model name, or null for the configured model.</summary>
    string? ConditionModel => null;

    Task<SessionSteering> ReadAsync(Guid sessionId, CancellationToken ct = default);
}

/// <summary>A session's own steering: its latest request, confirmed or edited needs, picked options and pinned cards.</summary>
public sealed record SessionSteering(string LatestRequest, IReadOnlyList<string> ConfirmedNeeds, IReadOnlyList<PickedOption> PickedOptions, IReadOnlyList<PinnedCard> PinnedCards)
{
    public static SessionSteering None { get; } = new("", [], [], []);
}

/// <summary>
/// The one place that decides what steers an answer (the only creator of <see cref="TurnContext"/>): the circuit's
/// profile's enabled, in-scope concepts that may go to this model (top-K by relevance when the profile is large),
/// the ones turned off during the session (named, so earlier answers stop steering), plus the session's confirmed needs, picked options and pinned cards and the study condition's instructions.
/// The chat, the panels, the turn inspector, "Update solutions", A/B compare, the benchmarks and the steering
/// evaluation all ask it, so they never disagree.
/// </summary>
public sealed class SteeringContextBuilder(SteeringConcepts profiles, ProfileState profileState, ConceptRelevance relevance, ModelInfo model, IWorkspaceSteering workspace)
{
    /// <summary>What steers the next answer in a session (null: a new exploration with no messages yet).</summary>
    public async Task<TurnContext> ForSessionAsync(Guid? sessionId, CancellationToken ct = default)
    {
        var profile = await profileState.CurrentAsync();
        var eligible = await profiles.PromptConceptsAsync(profile.Id, sessionId, model, ct);
        var session = sessionId is { } id ? await workspace.ReadAsync(id, ct) : SessionSteering.None;
        var (selected, omitted) = await relevance.SelectAsync(eligible, session.LatestRequest, workspace.MaxPromptConcepts, ct);
        return new TurnContext(selected)
        {
            OmittedConcepts = omitted,
            ConfirmedNeeds = session.ConfirmedNeeds,
            PickedOptions = session.PickedOptions,
            PinnedCards = session.PinnedCards,
            ConditionInstructions = workspace.ConditionInstructions,
            Model = workspace.ConditionModel,
            TurnedOff = sessionId is { } s ? await profiles.TurnedOffDuringAsync(profile.Id, s, model, ct) : [],
        };
    }

    /// <summary>
    /// Concepts chosen by the caller (A/B compare of two profiles or versions, benchmarks, the steering evaluation),
    /// optionally with a session's own steering.
    /// </summary>
    public static TurnContext ForConcepts(IReadOnlyList<PromptConcept> concepts, SessionSteering? session = null) => new(concepts)
    {
        ConfirmedNeeds = session?.ConfirmedNeeds ?? [],
        PickedOptions = session?.PickedOptions ?? [],
        PinnedCards = session?.PinnedCards ?? [],
    };
}
