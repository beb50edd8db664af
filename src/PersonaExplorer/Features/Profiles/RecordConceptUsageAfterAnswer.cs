using PersonaExplorer.Ai;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Profiles;

/// <summary>After a complete answer, the influence view counts the concepts that were in its prompt.</summary>
public sealed class RecordConceptUsageAfterAnswer(ConceptUsageRecorder usage) : IAnswerCompletedHandler
{
    public Task HandleAsync(AnswerCompleted done, CancellationToken ct) =>
        done.Answer.Status == MessageStatus.Complete && !done.Closing ? usage.RecordAsync(done.Answer.Id, done.Context.Concepts, ct) : Task.CompletedTask;
}
