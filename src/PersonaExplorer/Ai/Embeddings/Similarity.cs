namespace PersonaExplorer.Ai.Embeddings;

public static class Similarity
{
    /// <summary>Cosine similarity; for unit vectors (as <see cref="ITextEmbedder"/> returns) this is the dot product.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("Vectors differ in length.");
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>The index and similarity of the candidate closest to <paramref name="query"/>, or (-1, 0) when there is none.</summary>
    public static (int Index, double Score) Nearest(float[] query, IReadOnlyList<float[]> candidates)
    {
        var best = (Index: -1, Score: 0.0);
        for (var i = 0; i < candidates.Count; i++)
        {
            var score = Cosine(query, candidates[i]);
            if (best.Index < 0 || score > best.Score) best = (i, score);
        }
        return best;
    }
}
