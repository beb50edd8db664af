using System.Diagnostics;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Data;

namespace PersonaExplorer.Ai.Agents;

/// <summary>
/// The ranker/critic of a turn, computed locally with MiniLM instead of a second model call: a card's score is how
/// close it comes to each confirmed need (best sentence) plus how well it follows the enabled concepts (signed by weight).
/// Keeping it off the model keeps a turn as long as its slowest agent; "Update solutions" still asks the LLM critic.
/// </summary>
public sealed class LocalRanker(ITextEmbedder embedder)
{
    /// <summary>Below this similarity no card is taken to meet a confirmed need.</summary>
    public const double MetThreshold = 0.40;

    public async Task<AgentOutcome<RankingResult>> RankAsync(AgentInput input, IReadOnlyList<ProposedSolution> cards, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var needs = input.Needs.Where(n => n.Status is NeedStatus.Confirmed or NeedStatus.Edited).Select(n => n.Statement).ToList();
        var concepts = input.Context.Concepts;
        var cardTexts = cards.Select(c => $"{c.Title}. {Markdig.Markdown.ToPlainText(c.Summary)} {string.Join(". ", c.MeetsNeeds.Select(m => $"{m.Need}: {m.How}"))}").ToList();
        // Pinned cards are not re-ranked, but a need they meet is met.
        var pinnedTexts = input.Context.PinnedCards.Select(p => $"{p.Title}. {Markdig.Markdown.ToPlainText(p.Summary)}").ToList();
        var vectors = await embedder.EmbedAsync([.. cardTexts, .. needs, .. concepts.Select(c => c.Text), .. pinnedTexts], ct);
        float[] Card(int i) => vectors[i];
        float[] Need(int j) => vectors[cards.Count + j];
        float[] ConceptVector(int k) => vectors[cards.Count + needs.Count + k];
        float[] Pinned(int p) => vectors[cards.Count + needs.Count + concepts.Count + p];

        var fit = new double[cards.Count, needs.Count];
        var ranked = new List<RankedSolution>();
        for (var i = 0; i < cards.Count; i++)
        {
            for (var j = 0; j < needs.Count; j++) fit[i, j] = Similarity.Cosine(Card(i), Need(j));
            var needScore = needs.Count == 0 ? 0 : Enumerable.Range(0, needs.Count).Average(j => fit[i, j]);
            var conceptScore = concepts.Count == 0 ? 0 : concepts.Select((c, k) => c.Weight * Similarity.Cosine(Card(i), ConceptVector(k))).Average();
            var score = Math.Clamp(0.5 + needScore * 0.7 + conceptScore * 0.3, 0, 1);
            ranked.Add(new RankedSolution { Card = i + 1, Score = Math.Round(score, 2), Reason = Reason(needs, fit, i) });
        }
        var unmet = needs.Where((_, j) => Enumerable.Range(0, cards.Count).All(i => fit[i, j] < MetThreshold)
            && Enumerable.Range(0, pinnedTexts.Count).All(p => Similarity.Cosine(Pinned(p), Need(j)) < MetThreshold)).ToList();
        var result = new RankingResult
        {
            Ranking = ranked.OrderByDescending(r => r.Score).ThenBy(r => r.Card).ToList(),
            UnmetNeeds = unmet,
            Critique = unmet.Count == 0 ? "" : $"No card clearly meets: {string.Join("; ", unmet)}. Try \"Update solutions\" or refine a card.",
            CardCount = cards.Count,
        };
        result.Normalize();
        var trace = new AgentCallTrace(AgentNames.Ranker, 1, [new TracedMessage("local", "MiniLM similarity of each card to the confirmed needs and enabled concepts (no model call).")],
            AgentJson.ToElement(result).GetRawText(), null, clock.ElapsedMilliseconds, null, null, "MiniLM (local)", DateTime.UtcNow);
        return new AgentOutcome<RankingResult>(result, null, [trace]);
    }

    private static string Reason(IReadOnlyList<string> needs, double[,] fit, int card)
    {
        if (needs.Count == 0) return "No confirmed needs yet: ordered by fit to your profile.";
        var best = Enumerable.Range(0, needs.Count).MaxBy(j => fit[card, j]);
        return $"Closest to \"{needs[best]}\" ({fit[card, best]:0.00}).";
    }
}
