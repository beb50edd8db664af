using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace PersonaExplorer.Ai;

/// <summary>One side of an A/B comparison: a label ("Home", "v3 of Home") and the concepts its prompt carries.</summary>
public sealed record CompareSide(string Label, IReadOnlyList<PromptConcept> Concepts);

public sealed record CompareAnswer(string Text, bool Complete, string? Error);

public sealed record CompareResult(CompareAnswer A, CompareAnswer B, IReadOnlyList<DiffSegment> Diff);

/// <summary>
/// A/B steering comparison: the same request answered under two sets of concepts, both streamed in parallel
/// (each with its own <see cref="ChatPrompt"/>), then a word-level diff of the two answers.
/// </summary>
public sealed class SteeringCompare(IChatClient client, IOptions<AiOptions> ai)
{
    public const int MaxRequestChars = 4000;

    /// <param name="onProgress">Side (0 = A, 1 = B) and its text so far; throttled to about every 80 ms per side.</param>
    public async Task<CompareResult> RunAsync(string request, CompareSide a, CompareSide b, Func<int, string, Task>? onProgress, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request);
        if (request.Length > MaxRequestChars) throw new ArgumentException($"The request is at most {MaxRequestChars:N0} characters.", nameof(request));
        var history = new[] { new ChatMessage(ChatRole.User, request.Trim()) };
        var progressLock = new SemaphoreSlim(1, 1);
        var ta = StreamAsync(0, ChatPrompt.Build(new TurnContext(a.Concepts), history));
        var tb = StreamAsync(1, ChatPrompt.Build(new TurnContext(b.Concepts), history));
        var answers = await Task.WhenAll(ta, tb);
        var diff = answers[0].Complete && answers[1].Complete ? SteeringDiff.Words(answers[0].Text, answers[1].Text) : [];
        return new CompareResult(answers[0], answers[1], diff);

        async Task<CompareAnswer> StreamAsync(int side, List<ChatMessage> messages)
        {
            var text = new StringBuilder();
            var clock = Stopwatch.StartNew();
            var last = TimeSpan.Zero;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, ai.Value.TimeoutSeconds)));
            try
            {
                await foreach (var update in client.GetStreamingResponseAsync(messages, new ChatOptions(), timeout.Token).ConfigureAwait(false))
                {
                    if (string.IsNullOrEmpty(update.Text)) continue;
                    text.Append(update.Text);
                    if (onProgress is not null && clock.Elapsed - last >= TimeSpan.FromMilliseconds(80))
                    {
                        last = clock.Elapsed;
                        await Report(side, text.ToString()).ConfigureAwait(false);
                    }
                }
                if (onProgress is not null) await Report(side, text.ToString()).ConfigureAwait(false);
                return new CompareAnswer(text.ToString(), true, null);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return new CompareAnswer(text.ToString(), false, "Stopped.");
            }
            catch (Exception ex)
            {
                return new CompareAnswer(text.ToString(), false, ModelErrors.Describe(ex, userCancelled: false, ai.Value));
            }
        }

        async Task Report(int side, string text)
        {
            await progressLock.WaitAsync(ct).ConfigureAwait(false);
            try { await onProgress!(side, text).ConfigureAwait(false); }
            finally { progressLock.Release(); }
        }
    }
}
