using System.Collections.Concurrent;
using PersonaExplorer.Ai.Embeddings;

namespace PersonaExplorer.Ai;

/// <summary>
/// With a large profile, the prompt carries the top-K concepts most relevant to the request (by MiniLM similarity),
/// not all of them — and not just the single best one. Which were left out is reported, never silently dropped.
/// </summary>
public sealed class ConceptRelevance(ITextEmbedder embedder)
{
    // Concept texts repeat across turns: embed each once.
    private readonly ConcurrentDictionary<string, float[]> _cache = new();

    public async Task<(IReadOnlyList<PromptConcept> Selected, IReadOnlyList<PromptConcept> Omitted)> SelectAsync(
        IReadOnlyList<PromptConcept> concepts, string request, int maxConcepts, CancellationToken ct = default)
    {
        if (concepts.Count <= maxConcepts) return (concepts, []);
        var missing = concepts.Select(c => c.Text).Distinct().Where(t => !_cache.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            var vectors = await embedder.EmbedAsync(missing, ct);
            for (var i = 0; i < missing.Count; i++) _cache[missing[i]] = vectors[i];
        }
        var query = await embedder.EmbedAsync(request, ct);
        var ranked = concepts
            .Select((c, i) => (Concept: c, Index: i, Score: Similarity.Cosine(query, _cache[c.Text])))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Index)
            .ToList();
        var keep = ranked.Take(maxConcepts).Select(x => x.Index).ToHashSet();
        // The prompt keeps the person's own order of concepts.
        return (concepts.Where((_, i) => keep.Contains(i)).ToList(), concepts.Where((_, i) => !keep.Contains(i)).ToList());
    }
}
