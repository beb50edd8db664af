using PersonaExplorer.Ai.Embeddings;

namespace PersonaExplorer.Ai;

/// <summary>
/// With a large profile, the prompt carries the top-K concepts most relevant to the request (by MiniLM similarity),
/// not all of them — and not just the single best one. Which were left out is reported, never silently dropped.
/// </summary>
public sealed class ConceptRelevance(ITextEmbedder embedder)
{
    public async Task<(IReadOnlyList<PromptConcept> Selected, IReadOnlyList<PromptConcept> Omitted)> SelectAsync(
        IReadOnlyList<PromptConcept> concepts, string request, int maxConcepts, CancellationToken ct = default)
    {
        if (concepts.Count <= maxConcepts) return (concepts, []);
        // The embedder caches vectors, so a profile's concepts are embedded once, not on every turn.
        var vectors = await embedder.EmbedAsync([request, .. concepts.Select(c => c.Text)], ct);
        var ranked = concepts
            .Select((c, i) => (Concept: c, Index: i, Score: Similarity.Cosine(vectors[0], vectors[i + 1])))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Index)
            .ToList();
        var keep = ranked.Take(maxConcepts).Select(x => x.Index).ToHashSet();
        // The prompt keeps the person's own order of concepts.
        return (concepts.Where((_, i) => keep.Contains(i)).ToList(), concepts.Where((_, i) => !keep.Contains(i)).ToList());
    }
}
