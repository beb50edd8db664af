using PersonaExplorer.Ai.Embeddings;

namespace PersonaExplorer.Tests.Ai.Embeddings;

/// <summary>What goes through the sentence model, counted with a model that records every encode.</summary>
public class EmbedderBatchingTests
{
    [Fact]
    public async Task A_call_encodes_its_new_sentences_in_one_encode_and_each_repeat_once()
    {
        var model = new CountingModel();
        using var embedder = new MiniLmTextEmbedder(() => model);

        var vectors = await embedder.EmbedAsync(["needs a quiet hotel", "travels with kids", "needs a quiet hotel"]);

        Assert.Equal(["needs a quiet hotel", "travels with kids"], Assert.Single(model.Batches).Order());
        Assert.Same(vectors[0], vectors[2]);
        Assert.Equal((1, 2), embedder.Encoded);
    }

    [Fact]
    public async Task Sentences_that_did_not_change_are_never_encoded_again_on_a_later_turn()
    {
        var model = new CountingModel();
        using var embedder = new MiniLmTextEmbedder(() => model);
        var first = await embedder.EmbedAsync(["needs a quiet hotel", "prefers vegetarian food"]);

        var second = await embedder.EmbedAsync(["prefers vegetarian food", "needs a quiet hotel", "wants a day at the beach"]);

        Assert.Equal(2, model.Batches.Count);
        Assert.Equal(["wants a day at the beach"], model.Batches[1]);
        Assert.Same(first[1], second[0]);
        Assert.Same(first[0], second[1]);
    }

    [Fact]
    public async Task Sentences_asked_for_while_an_encode_runs_go_through_the_model_together_in_the_next_one()
    {
        var model = new CountingModel { Hold = new TaskCompletionSource() };
        using var embedder = new MiniLmTextEmbedder(() => model);
        var running = embedder.EmbedAsync(["first agent's need"]);
        await model.Started.Task;

        // Three agents of the same turn finish while the model is busy; two of them share a sentence.
        var waiting = new[]
        {
            embedder.EmbedAsync(["card one", "card two"]),
            embedder.EmbedAsync(["sub-task one", "card two"]),
            embedder.EmbedAsync(["first agent's need", "another need"]),
        };
        model.Hold.SetResult();
        var results = await Task.WhenAll(waiting);
        var first = await running;

        Assert.Equal(2, model.Batches.Count);
        Assert.Equal(["card one", "card two", "sub-task one", "another need"], model.Batches[1]);
        Assert.Same(results[0][1], results[1][1]);
        Assert.Same(first[0], results[2][0]);
    }

    [Fact]
    public async Task Short_and_long_sentences_go_through_the_model_apart_so_a_need_is_not_padded_to_a_cards_length()
    {
        var model = new CountingModel();
        using var embedder = new MiniLmTextEmbedder(() => model);
        var card = "Riverside apartment in Ribeira. Two bedrooms, a quiet street near the trams, a playground and a market within a short walk.";

        var vectors = await embedder.EmbedAsync(["travels with kids", card, "needs a quiet hotel"]);

        Assert.Equal(2, model.Batches.Count);
        Assert.Equal(["needs a quiet hotel", "travels with kids"], model.Batches[0].Order());
        Assert.Equal([card], model.Batches[1]);
        Assert.Equal(CountingModel.VectorOf(card), vectors[1][0]);
        Assert.Equal(CountingModel.VectorOf("needs a quiet hotel"), vectors[2][0]);
        Assert.Equal((2, 3), embedder.Encoded);
    }

    [Fact]
    public async Task More_new_sentences_than_one_batch_take_several_encodes_of_at_most_a_batch_each()
    {
        var model = new CountingModel();
        using var embedder = new MiniLmTextEmbedder(() => model);
        var texts = Enumerable.Range(0, MiniLmTextEmbedder.MaxBatch + 3).Select(i => $"concept {i}").ToArray();

        var vectors = await embedder.EmbedAsync(texts);

        Assert.Equal([MiniLmTextEmbedder.MaxBatch, 3], model.Batches.Select(b => b.Length));
        Assert.Equal(texts.Select(CountingModel.VectorOf), vectors.Select(v => v[0]));
    }

    [Fact]
    public async Task A_caller_that_stops_leaves_the_other_callers_sentences_to_be_encoded_for_them()
    {
        var model = new CountingModel { Hold = new TaskCompletionSource(), HonourCancellation = true };
        using var embedder = new MiniLmTextEmbedder(() => model);
        using var stop = new CancellationTokenSource();
        var stopped = embedder.EmbedAsync(["the stopped turn's need"], stop.Token);
        await model.Started.Task;
        var other = embedder.EmbedAsync(["another person's need"]);

        stop.Cancel();
        model.Hold.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
        var vectors = await other;
        Assert.Equal(CountingModel.VectorOf("another person's need"), vectors[0][0]);
    }

    [Fact]
    public async Task A_failing_model_fails_every_caller_waiting_for_that_batch_instead_of_leaving_it_hanging()
    {
        var model = new CountingModel { Hold = new TaskCompletionSource(), Fail = true };
        using var embedder = new MiniLmTextEmbedder(() => model);
        var first = embedder.EmbedAsync(["one"]);
        await model.Started.Task;
        var second = embedder.EmbedAsync(["one"]);

        model.Hold.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private sealed class CountingModel : ISentenceModel
    {
        private readonly Lock _lock = new();
        public List<string[]> Batches { get; } = [];
        public TaskCompletionSource? Hold { get; set; }
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool HonourCancellation { get; init; }
        public bool Fail { get; init; }

        /// <summary>A vector that names its sentence (its first component), so a mix-up shows.</summary>
        public static float VectorOf(string text) => text.GetHashCode(StringComparison.Ordinal);

        public float[][] Encode(string[] sentences, CancellationToken ct)
        {
            lock (_lock) Batches.Add(sentences);
            Started.TrySetResult();
            if (Hold is { } hold && Batches.Count == 1) hold.Task.Wait(TimeSpan.FromSeconds(10));
            if (HonourCancellation) ct.ThrowIfCancellationRequested();
            if (Fail) throw new InvalidOperationException("the model failed");
            return sentences.Select(s => new[] { VectorOf(s), 1f }).ToArray();
        }

        public void Dispose() { }
    }
}
