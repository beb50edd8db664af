using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Ai.Embeddings;

public class MiniLmTextEmbedderTests
{
    [Fact]
    public async Task Vectors_have_384_dimensions_and_unit_length()
    {
        var vectors = await SharedEmbedder.MiniLm.EmbedAsync(["I am vegetarian", "I love long flights"]);

        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 3);
        });
    }

    [Fact]
    public async Task Sentences_with_the_same_meaning_are_closer_than_unrelated_ones()
    {
        var v = await SharedEmbedder.MiniLm.EmbedAsync(["I am vegetarian", "I do not eat meat", "I love long flights"]);

        Assert.True(Similarity.Cosine(v[0], v[1]) > 0.5);
        Assert.True(Similarity.Cosine(v[0], v[2]) < 0.3);
    }

    [Fact]
    public async Task Concurrent_callers_get_the_same_vectors_as_one_caller()
    {
        var texts = Enumerable.Range(0, 8).Select(i => $"sentence number {i} about travel").ToArray();
        var alone = await SharedEmbedder.MiniLm.EmbedAsync(texts);

        var together = await Task.WhenAll(texts.Select(t => SharedEmbedder.MiniLm.EmbedAsync([t])));

        for (var i = 0; i < texts.Length; i++) Assert.Equal(alone[i], together[i][0]);
    }

    [Fact]
    public void Nearest_finds_the_most_similar_candidate()
    {
        float[] q = [1, 0];
        Assert.Equal((1, 1.0), Similarity.Nearest(q, [[0, 1], [2, 0]]));
        Assert.Equal(-1, Similarity.Nearest(q, []).Index);
    }

    [Fact]
    public async Task More_sentences_than_one_batch_come_back_in_order_with_repeats_answered_once()
    {
        var texts = Enumerable.Range(0, MiniLmTextEmbedder.MaxBatch * 2 + 5).Select(i => $"batch sentence {i % 50} on cooking").ToArray();

        var vectors = await SharedEmbedder.MiniLm.EmbedAsync(texts);
        var single = await SharedEmbedder.MiniLm.EmbedAsync([texts[^1]]);

        Assert.Equal(texts.Length, vectors.Length);
        Assert.Equal(single[0], vectors[^1]);
        Assert.Same(vectors[0], vectors[50]); // the same sentence is encoded once and shared
    }

    [Fact]
    public async Task A_disposed_embedder_cancels_instead_of_failing()
    {
        var embedder = new MiniLmTextEmbedder();
        embedder.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => embedder.EmbedAsync(["after shutdown"]));
    }
}
