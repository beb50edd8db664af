using Microsoft.Extensions.AI;
using PersonaExplorer.Ai;
using PersonaExplorer.Features.Profiles.Curator;

namespace PersonaExplorer.Features.Profiles.Proposals;

/// <summary>After a complete answer, the profile curator proposes concepts from the conversation in the background; proposals wait for the person.</summary>
public sealed class ProposeConceptsAfterAnswer(ProfileCurator curator, ILogger<ProposeConceptsAfterAnswer> logger) : IAnswerCompletedHandler, IDisposable
{
    private CancellationTokenSource? _curation;

    public Task HandleAsync(AnswerCompleted done, CancellationToken ct)
    {
        if (!done.ProposeConcepts || done.Closing || done.Answer.Status != Data.MessageStatus.Complete) return Task.CompletedTask;
        AnswerStarting();
        _curation = new CancellationTokenSource();
        var token = _curation.Token;
        var conversation = done.Prompt.Skip(1).Append(new ChatMessage(ChatRole.Assistant, done.Answer.Content)).ToList();
        _ = Task.Run(async () =>
        {
            try { await curator.CurateAsync(done.ProfileId, done.SessionId, done.Answer.Id, conversation, token, done.Context.Model, done.TurnId); }
            catch (OperationCanceledException) { }
            catch (Exception ex) { logger.LogWarning(ex, "The profile curator failed"); }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Proposals from an answer that is being replaced are no longer wanted.</summary>
    public void AnswerStarting() => _curation?.Cancel();

    public void Dispose()
    {
        _curation?.Cancel();
        _curation?.Dispose();
    }
}
