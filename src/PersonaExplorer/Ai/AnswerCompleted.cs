using Microsoft.Extensions.AI;
using PersonaExplorer.Data;

namespace PersonaExplorer.Ai;

/// <summary>
/// A chat answer was saved: the after-answer work (its trace, concept usage, the curator) hangs off this one
/// notification, registered by the features that own it, so the chat never knows them.
/// </summary>
/// <param name="TurnId">The user message the answer replies to (the turn inspector groups calls by it).</param>
/// <param name="Prompt">Exactly what the model was sent.</param>
/// <param name="ProposeConcepts">The circuit shows concept proposals (a study condition can switch them off).</param>
/// <param name="Closing">The circuit is going away: only persistence, no UI state.</param>
public sealed record AnswerCompleted(
    Guid SessionId, Guid ProfileId, Guid TurnId, Message Answer, TurnContext Context, IReadOnlyList<ChatMessage> Prompt,
    bool ProposeConcepts, bool Closing);

/// <summary>One piece of after-answer work. Each handler runs on its own: one failing never skips the others.</summary>
public interface IAnswerCompletedHandler
{
    Task HandleAsync(AnswerCompleted answer, CancellationToken ct);

    /// <summary>A new answer starts: background work for the previous one may stop.</summary>
    void AnswerStarting() { }
}
