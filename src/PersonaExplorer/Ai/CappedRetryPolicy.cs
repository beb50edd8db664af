using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;

namespace PersonaExplorer.Ai;

/// <summary>
/// Retry policy for the OpenAI and Azure OpenAI SDK pipelines (429, 408, 5xx and network failures, as the SDK classifies them).
/// <list type="bullet">
/// <item>A <c>retry-after-ms</c> / <c>Retry-After</c> header is honoured but capped at <see cref="AiOptions.MaxRetryDelaySeconds"/>.</item>
/// <item>Without the header it backs off exponentially: <see cref="AiOptions.RetryBaseDelaySeconds"/> × 2^(try−1), plus up to 10 % jitter (never less).</item>
/// <item>All attempts of one call share a budget of <see cref="AiOptions.TimeoutSeconds"/>: a retry whose wait would end past it is not made.</item>
/// </list>
/// </summary>
public sealed class CappedRetryPolicy : ClientRetryPolicy
{
    private readonly TimeSpan _maxDelay;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _budget;

    public CappedRetryPolicy(AiOptions options) : base(Math.Max(0, options.MaxRetries))
    {
        _maxDelay = TimeSpan.FromSeconds(Math.Max(0, options.MaxRetryDelaySeconds));
        _baseDelay = TimeSpan.FromSeconds(Math.Max(0, options.RetryBaseDelaySeconds));
        _budget = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds));
    }

    protected override void OnSendingRequest(PipelineMessage message)
    {
        MarkStart(message);
        base.OnSendingRequest(message);
    }

    protected override ValueTask OnSendingRequestAsync(PipelineMessage message)
    {
        MarkStart(message);
        return base.OnSendingRequestAsync(message);
    }

    protected override bool ShouldRetry(PipelineMessage message, Exception? exception) =>
        base.ShouldRetry(message, exception) && PlanRetry(message, exception);

    protected override async ValueTask<bool> ShouldRetryAsync(PipelineMessage message, Exception? exception) =>
        await base.ShouldRetryAsync(message, exception).ConfigureAwait(false) && PlanRetry(message, exception);

    protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount) =>
        message.TryGetProperty(typeof(Plan), out var value) && value is Plan plan ? plan.Delay : Delay(message, tryCount, null);

    /// <summary>
    /// Decides the wait before the next try, and refuses the retry when that wait would end past the budget:
    /// retrying early against a rate limit only burns an attempt, so the caller gets the provider's error instead.
    /// Idempotent per attempt (the SDK may consult both the sync and async hooks for one attempt).
    /// </summary>
    private bool PlanRetry(PipelineMessage message, Exception? exception)
    {
        object? attempt = (object?)exception ?? message.Response;
        var previous = message.TryGetProperty(typeof(Plan), out var value) ? value as Plan : null;
        if (previous is not null && attempt is not null && ReferenceEquals(previous.Attempt, attempt))
            return previous.Allowed;

        var tries = (previous?.Tries ?? 0) + 1;
        var delay = Delay(message, tries, exception);
        var allowed = delay < Remaining(message);
        message.SetProperty(typeof(Plan), new Plan(attempt, tries, delay, allowed));
        return allowed;
    }

    /// <summary>Retry-After (capped) when the provider sent one, otherwise exponential backoff (capped).</summary>
    private TimeSpan Delay(PipelineMessage message, int tryCount, Exception? exception)
    {
        var delay = exception is null && message.Response is { } response && TryGetRetryAfter(response.Headers, out var retryAfter)
            ? retryAfter
            : Backoff(tryCount);
        return delay > _maxDelay ? _maxDelay : delay;
    }

    /// <summary>base × 2^(try−1) with 0–10 % extra jitter, so the delay is never below the plain backoff.</summary>
    internal TimeSpan Backoff(int tryCount)
    {
        var exponent = Math.Clamp(tryCount - 1, 0, 16);
        var seconds = _baseDelay.TotalSeconds * Math.Pow(2, exponent);
        seconds *= 1 + Random.Shared.NextDouble() * 0.1;
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Reads retry-after-ms (OpenAI, Azure), x-ms-retry-after-ms, or Retry-After (seconds or an HTTP date).</summary>
    internal static bool TryGetRetryAfter(PipelineResponseHeaders headers, out TimeSpan delay)
    {
        foreach (var name in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
            if (headers.TryGetValue(name, out var ms)
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
            {
                delay = TimeSpan.FromMilliseconds(millis);
                return true;
            }

        if (headers.TryGetValue("Retry-After", out var value) && !string.IsNullOrWhiteSpace(value))
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                delay = TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
                return true;
            }
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - DateTimeOffset.UtcNow;
                delay = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
                return true;
            }
        }

        delay = default;
        return false;
    }

    private TimeSpan Remaining(PipelineMessage message)
    {
        if (!message.TryGetProperty(typeof(CappedRetryPolicy), out var start) || start is not long timestamp)
            return _budget;
        var remaining = _budget - Stopwatch.GetElapsedTime(timestamp);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>The retry decision for one attempt (identified by its response or exception object).</summary>
    private sealed record Plan(object? Attempt, int Tries, TimeSpan Delay, bool Allowed);

    private static void MarkStart(PipelineMessage message)
    {
        if (!message.TryGetProperty(typeof(CappedRetryPolicy), out _))
            message.SetProperty(typeof(CappedRetryPolicy), Stopwatch.GetTimestamp());
    }
}
