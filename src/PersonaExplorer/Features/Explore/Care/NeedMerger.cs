using Microsoft.Extensions.Options;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>What merging a turn's proposed needs into the session's needs did.</summary>
public sealed record NeedMergeResult(
    IReadOnlyList<Need> Added,
    IReadOnlyList<Need> Updated,
    IReadOnlyList<(ProposedNeed Proposed, Need Existing)> Duplicates,
    IReadOnlyList<(ProposedNeed Proposed, Need Rejected)> KeptRejected);

/// <summary>
/// Merges proposed needs into the existing ones by meaning (MiniLM cosine similarity), not by string equality:
/// a reworded duplicate strengthens the existing need instead of adding another, and a need the person rejected is
/// never proposed again, however it is worded. The person's own confirmed or edited wording always wins.
/// </summary>
public sealed class NeedMerger(ITextEmbedder embedder, IOptions<AgentOptions> options)
{
    public async Task<NeedMergeResult> MergeAsync(Guid sessionId, Guid? sourceMessageId, IReadOnlyList<Need> existing, IReadOnlyList<ProposedNeed> proposed, CancellationToken ct)
    {
        var added = new List<Need>();
        var updated = new List<Need>();
        var duplicates = new List<(ProposedNeed, Need)>();
        var rejected = new List<(ProposedNeed, Need)>();
        if (proposed.Count == 0) return new(added, updated, duplicates, rejected);

        var threshold = options.Value.NeedMergeThreshold;
        var known = existing.ToList();
        // One call: the new statements go through the model together (the existing ones are cached from earlier turns).
        var vectors = await embedder.EmbedAsync([.. known.Select(n => n.Statement), .. proposed.Select(p => p.Statement)], ct);
        var knownVectors = vectors.Take(known.Count).ToList();
        var proposedVectors = vectors[known.Count..];
        var nextOrder = known.Count == 0 ? 0 : known.Max(n => n.SortOrder) + 1;

        for (var i = 0; i < proposed.Count; i++)
        {
            var p = proposed[i];
            var (index, score) = Similarity.Nearest(proposedVectors[i], knownVectors);
            if (index >= 0 && score >= threshold)
            {
                var match = known[index];
                if (match.Status == NeedStatus.Rejected)
                    rejected.Add((p, match));
                else
                {
                    duplicates.Add((p, match));
                    // A proposed need gets stronger evidence; the person's confirmed or edited need stays as it is.
                    if (match.Status == NeedStatus.Proposed && p.Confidence > match.Confidence)
                    {
                        match.Confidence = p.Confidence;
                        match.Evidence = string.IsNullOrWhiteSpace(p.Evidence) ? match.Evidence : p.Evidence;
                        match.UpdatedUtc = DateTime.UtcNow;
                        if (!updated.Contains(match) && !added.Contains(match)) updated.Add(match);
                    }
                }
                continue;
            }

            var need = new Need
            {
                SessionId = sessionId,
                Kind = p.Kind,
                Statement = p.Statement,
                Evidence = string.IsNullOrWhiteSpace(p.Evidence) ? null : p.Evidence,
                Confidence = p.Confidence,
                Priority = p.Priority,
                Status = NeedStatus.Proposed,
                SortOrder = nextOrder++,
                SourceMessageId = sourceMessageId,
            };
            added.Add(need);
            // Later proposals of the same turn are compared with this one too.
            known.Add(need);
            knownVectors.Add(proposedVectors[i]);
        }
        return new(added, updated, duplicates, rejected);
    }
}
