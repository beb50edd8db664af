using System.Diagnostics;
using PersonaExplorer.Ai.Embeddings;

namespace PersonaExplorer.Benchmarks;

/// <summary>The app's MiniLM embedder, counting what a turn asks of it (calls, sentences, time inside): one line of the CPU breakdown.</summary>
public sealed class EmbeddingMeter : ITextEmbedder, IDisposable
{
    private readonly MiniLmTextEmbedder _inner = new();
    private long _calls, _texts, _ticks;

    /// <summary>Calls and sentences asked for, encodes and sentences encoded (cache misses), wall time inside.</summary>
    public (long Calls, long Texts, long Encodes, long Encoded, double Ms) Snapshot() =>
        (Interlocked.Read(ref _calls), Interlocked.Read(ref _texts), _inner.Encoded.Encodes, _inner.Encoded.Sentences,
            Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks)).TotalMilliseconds);

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct = default)
    {
        var start = Stopwatch.GetTimestamp();
        try { return await _inner.EmbedAsync(texts, ct); }
        finally
        {
            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _texts, texts.Count);
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
        }
    }

    public void Dispose() => _inner.Dispose();
}
