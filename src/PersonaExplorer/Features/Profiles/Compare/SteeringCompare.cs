using Microsoft.Extensions.AI;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles.Steering;

namespace PersonaExplorer.Features.Profiles.Compare;

/// <summary>One side of an A/B comparison: a label ("Home", "v3 of Home") and the concepts its prompt carries.</summary>
public sealed record CompareSide(string Label, IReadOnlyList<PromptConcept> Concepts);

/// <summary>One side's answer; <see cref="Complete"/> is false for a stopped, failed or cut stream (then <see cref="Error"/> says which).</summary>
public sealed record CompareAnswer(string Text, bool Complete, string? Error);

public sealed record CompareResult(CompareAnswer A, CompareAnswer B, IReadOnlyList<DiffSegment> Diff);

/// <summary>
/// A/B steering comparison: the same request answered under two sets of concepts, both streamed in parallel through the
/// chat's own <see cref="AnswerStreamer"/> (timeout, throttle, finish-reason check), then a word-level diff of the two
/// answers — only when both are complete, so a cut answer is shown as cut, never diffed as if whole.
/// </summary>
public sealed class SteeringCompare(AnswerStreamer streamer)
{
    public const int MaxRequestChars = 4000;
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(80);

    /// <param name="onProgress">Side (0 = A, 1 = B) and its text so far; throttled to about every 80 ms per side.</param>
    public async Task<CompareResult> RunAsync(string request, CompareSide a, CompareSide b, Func<int, string, Task>? onProgress, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request);
        if (request.Length > MaxRequestChars) throw new ArgumentException($"The request is at most {MaxRequestChars:N0} characters.", nameof(request));
        var history = new[] { new ChatMessage(ChatRole.User, request.Trim()) };
        var answers = await Task.WhenAll(StreamAsync(0, a), StreamAsync(1, b));
        var diff = answers[0].Complete && answers[1].Complete ? SteeringDiff.Words(answers[0].Text, answers[1].Text) : [];
        return new CompareResult(answers[0], answers[1], diff);

        async Task<CompareAnswer> StreamAsync(int side, CompareSide profile)
        {
            var prompt = ChatPrompt.Build(SteeringContextBuilder.ForConcepts(profile.Concepts), history);
            await Task.Yield(); // both sides stream at the same time
            var result = await streamer.StreamAsync(prompt, text => Report(side, text), RenderInterval, ct, kind: Ai.Structured.CallKind.Steering);
            return result.Status switch
            {
                MessageStatus.Complete => new CompareAnswer(result.Text, true, null),
                MessageStatus.Cancelled => new CompareAnswer(result.Text, false, "Stopped."),
                _ => new CompareAnswer(result.Text, false, result.Error),
            };
        }

        // The streamer reports on the caller's synchronization context; the page marshals to its own renderer.
        void Report(int side, string text)
        {
            if (onProgress is not null) _ = onProgress(side, text);
        }
    }
}
