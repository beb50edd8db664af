using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PersonaExplorer.Data;

namespace PersonaExplorer.Ai;

public sealed record AnswerResult(string Text, MessageStatus Status, string? Error, int? FirstTokenMs, int DurationMs, long? InputTokens, long? OutputTokens);

/// <summary>
/// The one streaming loop (the chat answer and A/B compare): the call waits for its slot at the provider in the chat
/// lane (<see cref="ProviderScheduler"/>), is bounded by a first-token and an idle timeout of its call kind
/// (<c>Ai:Calls:{Kind}:FirstTokenTimeoutSeconds</c> / <c>IdleTimeoutSeconds</c>; a long answer that keeps arriving is
/// never cut), progress is reported at most once per render interval, a stream without a finish reason is a cut answer,
/// and whatever arrived is kept when the stream is stopped, cut, stalls, or fails.
/// </summary>
public sealed class AnswerStreamer(IChatClient client, IOptions<AiOptions> ai, ILogger<AnswerStreamer> logger, ProviderScheduler? scheduler = null)
{
    /// <summary>The app's one scheduler (DI); a streamer built by hand gets one of its own.</summary>
    private readonly ProviderScheduler _scheduler = scheduler ?? new ProviderScheduler(ai);

    /// <param name="onProgress">Called with the text so far, at most once per <paramref name="renderInterval"/>; on the caller's synchronization context.</param>
    /// <param name="stop">Cancelled when the user stops, sends again, or the circuit goes away.</param>
    /// <param name="model">Another model/deployment than the configured one (a study condition's), or null.</param>
    /// <param name="kind">Chat for the conversation; Steering (low temperature, fixed seed) for live steering and A/B, whose before/after must differ by the concept and not by sampling.</param>
    /// <param name="onFirstToken">Called once when the first text arrives (panel agents wait for it on a ChatFirst provider).</param>
    public async Task<AnswerResult> StreamAsync(IList<ChatMessage> messages, Action<string> onProgress, TimeSpan renderInterval, CancellationToken stop, IChatClient? model = null,
        Structured.CallKind kind = Structured.CallKind.Chat, Action? onFirstToken = null)
    {
        var text = new StringBuilder();
        var clock = Stopwatch.StartNew();
        int? firstToken = null;
        long? inputTokens = null, outputTokens = null;
        ChatFinishReason? finish = null;
        var interval = renderInterval;
        var lastReport = TimeSpan.Zero;
        var limits = ai.Value.Calls.For(kind);
        var firstTokenLimit = TimeSpan.FromSeconds(limits.FirstTokenTimeoutSeconds);
        var idleLimit = TimeSpan.FromSeconds(limits.IdleTimeoutSeconds);

        // A provider that never answers, or stops sending mid-answer, must not hang the turn.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(firstTokenLimit);
        try
        {
            using var slot = await _scheduler.EnterAsync(ProviderLane.Chat, timeout.Token);
            await foreach (var update in (model ?? client).GetStreamingResponseAsync(messages, ai.Value.Calls.Options(kind), timeout.Token))
            {
                if (firstToken is not null) timeout.CancelAfter(idleLimit);
                finish ??= update.FinishReason;
                foreach (var usage in update.Contents.OfType<UsageContent>())
                {
                    inputTokens = usage.Details.InputTokenCount ?? inputTokens;
                    outputTokens = usage.Details.OutputTokenCount ?? outputTokens;
                }
                var delta = update.Text;
                if (string.IsNullOrEmpty(delta)) continue;
                if (firstToken is null)
                {
                    firstToken = (int)clock.ElapsedMilliseconds;
                    timeout.CancelAfter(idleLimit);
                    onFirstToken?.Invoke();
                }
                text.Append(delta);
                if (clock.Elapsed - lastReport >= interval)
                {
                    lastReport = clock.Elapsed;
                    onProgress(text.ToString());
                }
            }
            onProgress(text.ToString());
            // A connection closed mid-answer can look like a normal end of the event stream: no finish reason means cut.
            return finish is null
                ? Result(MessageStatus.Failed, ModelErrors.StreamCutMessage)
                : Result(MessageStatus.Complete, null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Result(MessageStatus.Cancelled, null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            logger.LogWarning("Chat answer timed out after {Chars} characters ({Phase})", text.Length, firstToken is null ? "first token" : "idle");
            onProgress(text.ToString());
            return Result(MessageStatus.Failed, firstToken is null
                ? $"The model did not start answering within {firstTokenLimit.TotalSeconds:0} s. Retry, or check that the model server is running."
                : $"The model stopped sending for {idleLimit.TotalSeconds:0} s. What arrived is kept; retry for a complete answer.");
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Chat answer failed after {Chars} characters", text.Length);
            return Result(MessageStatus.Failed, ModelErrors.Describe(ex, userCancelled: false, ai.Value));
        }

        AnswerResult Result(MessageStatus status, string? error) =>
            new(text.ToString(), status, error, firstToken, (int)clock.ElapsedMilliseconds, inputTokens, outputTokens);
    }
}
