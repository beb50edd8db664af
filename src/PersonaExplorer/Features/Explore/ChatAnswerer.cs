using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Limits;

namespace PersonaExplorer.Features.Explore;

/// <summary>One answer to send to the model: the session, whose profile steers it, with what, and what it may replace.</summary>
/// <param name="Replaces">The answer a live-steering regeneration replaces; hidden only once this one is saved.</param>
public sealed record AnswerRequest(Guid SessionId, Guid ProfileId, Guid TurnId, TurnContext Context, IReadOnlyList<Message> History, Guid? Replaces = null);

/// <summary>
/// Streams one chat answer on the circuit's model (a study condition may choose another), saves it once in its final
/// state, and then tells the after-answer handlers (<see cref="IAnswerCompletedHandler"/>).
/// </summary>
public sealed class ChatAnswerer(
    AnswerStreamer streamer,
    ChatClients clients,
    ModelInfo model,
    WorkspaceFeatures features,
    SessionStore sessions,
    IEnumerable<IAnswerCompletedHandler> handlers,
    IOptions<ExploreOptions> options,
    IOptions<LimitsOptions> limits,
    TokenCounter tokens,
    ModelBudget budget,
    ILogger<ChatAnswerer> logger)
{
    /// <summary>Streams and saves the answer; never throws. <paramref name="closing"/> tells whether the circuit went away meanwhile.</summary>
    /// <param name="onFirstToken">Called once when the answer's first text arrives.</param>
    public async Task<(Message Answer, List<ChatMessage> Prompt)> AnswerAsync(AnswerRequest request, Action<string> onProgress, Func<bool> closing, CancellationToken stop,
        Action? onFirstToken = null)
    {
        foreach (var h in handlers) h.AnswerStarting();
        var started = DateTime.UtcNow;
        AnswerResult result;
        List<ChatMessage> prompt = [];
        try
        {
            var history = request.History
                .Where(m => m.Role == MessageRole.User || m.Status == MessageStatus.Complete)
                .Select(m => new ChatMessage(m.Role == MessageRole.User ? ChatRole.User : ChatRole.Assistant, m.Content))
                .ToList();
            prompt = BuildPrompt(request.Context, history);
            // A live-steering regeneration is sampled reproducibly (Ai:Calls:Steering), so its diff shows the edit's effect.
            result = await streamer.StreamAsync(prompt, onProgress, TimeSpan.FromMilliseconds(options.Value.StreamRenderIntervalMs), stop, clients.For(features.Model),
                request.Replaces is null ? Ai.Structured.CallKind.Chat : Ai.Structured.CallKind.Steering, onFirstToken);
        }
        catch (Exception ex)
        {
            // Preparing the prompt failed: the user's message is stored; the answer is a retryable failure.
            logger.LogError(ex, "Preparing the answer failed");
            result = new AnswerResult("", stop.IsCancellationRequested ? MessageStatus.Cancelled : MessageStatus.Failed,
                stop.IsCancellationRequested ? null : "Something went wrong preparing the answer. Retry in a moment.", null, 0, null, null);
        }

        // The day's token budget is charged with what the provider reports, or with the counted prompt and answer.
        try { await budget.AddTokensAsync((result.InputTokens ?? tokens.Count(prompt)) + (result.OutputTokens ?? tokens.Count(result.Text))); }
        catch (Exception ex) { logger.LogWarning(ex, "The answer's tokens could not be charged"); }

        // Losing the circuit keeps what arrived as a partial answer; a user's stop is a cancellation.
        var status = result.Status == MessageStatus.Cancelled && closing() ? MessageStatus.Partial : result.Status;
        var answer = new Message
        {
            SessionId = request.SessionId, Role = MessageRole.Assistant, Content = result.Text, Status = status, Error = result.Error,
            Model = string.IsNullOrWhiteSpace(features.Model) || model.IsDemo ? model.ModelName : features.Model.Trim(),
            FirstTokenMs = result.FirstTokenMs, DurationMs = result.DurationMs, InputTokens = result.InputTokens, OutputTokens = result.OutputTokens,
            CreatedUtc = started, CompletedUtc = DateTime.UtcNow,
        };
        // Only a complete regeneration replaces the answer it started from; a stopped or failed one leaves it in place.
        var replaces = answer.Status == MessageStatus.Complete ? request.Replaces : null;
        try { await sessions.AddAnswerAsync(answer, replaces, CancellationToken.None); }
        catch (Exception ex)
        {
            logger.LogError(ex, "Saving the answer failed");
            answer.Status = MessageStatus.Failed;
            answer.Error = "The answer could not be saved. Copy it if you need it, then retry.";
        }
        return (answer, prompt);
    }

    /// <summary>
    /// The system prompt, then the newest messages that fit <see cref="LimitsOptions.ChatInputTokens"/> (the current
    /// message always), with a note when older ones were left out: a long session costs no more per turn than a medium one.
    /// </summary>
    public List<ChatMessage> BuildPrompt(TurnContext context, IReadOnlyList<ChatMessage> history)
    {
        var window = HistoryWindow.Select(history, limits.Value.ChatInputTokens, tokens);
        var prompt = ChatPrompt.Build(context, window.Messages);
        if (window.LeftOut > 0) prompt.Insert(1, new ChatMessage(ChatRole.System, HistoryWindow.LeftOutNote(window.LeftOut)));
        return prompt;
    }

    /// <summary>Runs every after-answer handler; one failing is logged and never skips the others.</summary>
    public async Task CompletedAsync(AnswerRequest request, Message answer, List<ChatMessage> prompt, bool closing)
    {
        var done = new AnswerCompleted(request.SessionId, request.ProfileId, request.TurnId, answer, request.Context, prompt, features.Proposals, closing);
        foreach (var handler in handlers)
        {
            try { await handler.HandleAsync(done, CancellationToken.None); }
            catch (Exception ex) { logger.LogWarning(ex, "After-answer work {Handler} failed", handler.GetType().Name); }
        }
    }
}
