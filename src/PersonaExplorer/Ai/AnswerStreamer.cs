using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PersonaExplorer.Data;

namespace PersonaExplorer.Ai;

public sealed record AnswerResult(string Text, MessageStatus Status, string? Error, int? FirstTokenMs, int DurationMs, long? InputTokens, long? OutputTokens);

/// <summary>
/// The one streaming loop (the chat answer and A/B compare): the whole call is bounded by <see cref="AiOptions.TimeoutSeconds"/>,
/// progress is reported at most once per render interval, a stream without a finish reason is a cut answer, and whatever
/// arrived is kept when the stream is stopped, cut, or fails.
/// </summary>
public sealed class AnswerStreamer(IChatClient client, IOptions<AiOptions> ai, ILogger<AnswerStreamer> logger)
{
    /// <param name="onProgress">Called with the text so far, at most once per <paramref name="renderInterval"/>; on the caller's synchronization context.</param>
    /// <param name="stop">Cancelled when the user stops, sends again, or the circuit goes away.</param>
    /// <param name="model">Another model/deployment than the configured one (a study condition's), or null.</param>
    /// <param name="kind">Chat for the conversation; Steering (low temperature, fixed seed) for live steering and A/B, whose before/after must differ by the concept and not by sampling.</param>
    public async Task<AnswerResult> StreamAsync(IList<ChatMessage> messages, Action<string> onProgress, TimeSpan renderInterval, CancellationToken stop, IChatClient? model = null,
        Structured.CallKind kind = Structured.CallKind.Chat)
    {
        var text = new StringBuilder();
        var clock = Stopwatch.StartNew();
        int? firstToken = null;
        long? inputTokens = null, outputTokens = null;
        ChatFinishReason? finish = null;
        var interval = renderInterval;
        var lastReport = TimeSpan.Zero;

        // A provider that never answers must not hang the turn: bound the whole call, retries included.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(ai.Value.TimeoutSeconds));
        try
        {
            await foreach (var update in (model ?? client).GetStreamingResponseAsync(messages, ai.Value.Calls.Options(kind), timeout.Token))
            {
                finish ??= update.FinishReason;
                foreach (var usage in update.Contents.OfType<UsageContent>())
                {
                    inputTokens = usage.Details.InputTokenCount ?? inputTokens;
                    outputTokens = usage.Details.OutputTokenCount ?? outputTokens;
                }
                var delta = update.Text;
                if (string.IsNullOrEmpty(delta)) continue;
                firstToken ??= (int)clock.ElapsedMilliseconds;
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
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Chat answer failed after {Chars} characters", text.Length);
            return Result(MessageStatus.Failed, ModelErrors.Describe(ex, userCancelled: false, ai.Value));
        }

        AnswerResult Result(MessageStatus status, string? error) =>
            new(text.ToString(), status, error, firstToken, (int)clock.ElapsedMilliseconds, inputTokens, outputTokens);
    }
}
