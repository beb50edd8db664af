namespace PersonaExplorer.Ai.Embeddings;

/// <summary>Turns sentences into unit-length vectors whose dot product is their cosine similarity.</summary>
public interface ITextEmbedder
{
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct = default);
}

public static class TextEmbedderExtensions
{
    public static async Task<float[]> EmbedAsync(this ITextEmbedder embedder, string text, CancellationToken ct = default) =>
        (await embedder.EmbedAsync([text], ct))[0];
}
