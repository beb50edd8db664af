using System.Text.RegularExpressions;
using PersonaExplorer.Ai.Embeddings;

namespace PersonaExplorer.Features.Profiles.Curator;

/// <summary>
/// Keeps the curator from piling up paraphrases: a proposal that means the same (MiniLM cosine from
/// <see cref="SameMeaningFrom"/>) as a concept of the profile, an earlier proposal (pending or dismissed) or a proposal
/// before it in the same batch is dropped. Statements of opposite polarity ("likes …" / "dislikes …") are never merged,
/// since sentence embeddings rate them as close; a change is not compared with the concept it rewrites.
/// </summary>
public sealed partial class ProposalDeduper(ITextEmbedder embedder)
{
    /// <summary>Paraphrases of one preference score about 0.75–0.95 here; different preferences of one topic stay below.</summary>
    public const double SameMeaningFrom = 0.78;

    /// <param name="known">Texts of the profile's concepts and of its earlier, not accepted proposals.</param>
    /// <returns>The proposals to keep, and for each dropped one the text it repeats.</returns>
    public async Task<(IReadOnlyList<CuratedConcept> Kept, IReadOnlyList<(string Text, string Repeats)> Dropped)> NewOnlyAsync(
        IReadOnlyList<CuratedConcept> proposals, IReadOnlyList<string> known, CancellationToken ct = default)
    {
        if (proposals.Count == 0) return ([], []);
        var vectors = await embedder.EmbedAsync([.. known, .. proposals.Select(p => p.Text)], ct);
        var kept = new List<CuratedConcept>();
        var dropped = new List<(string, string)>();
        var seen = known.Select((text, i) => (Text: text, Vector: vectors[i])).ToList();
        for (var i = 0; i < proposals.Count; i++)
        {
            var p = proposals[i];
            var vector = vectors[known.Count + i];
            var twin = seen.FirstOrDefault(s => !IsTarget(p, s.Text) && SameMeaning(p.Text, vector, s.Text, s.Vector));
            if (twin.Text is not null)
            {
                dropped.Add((p.Text, twin.Text));
                continue;
            }
            kept.Add(p);
            seen.Add((p.Text, vector));
        }
        return (kept, dropped);
    }

    /// <summary>Close in meaning, of the same polarity, and not set apart by a pair of opposites ("morning" / "evening").</summary>
    public static bool SameMeaning(string a, float[] va, string b, float[] vb) =>
        Similarity.Cosine(va, vb) >= SameMeaningFrom && Negated(a) == Negated(b) && !Contrasts(a, b);

    // Sentence embeddings rate "studies best in the morning" and "… in the evening" as near twins.
    private static readonly (string, string)[] Opposites =
    [
        ("morning", "evening"), ("morning", "night"), ("early", "late"), ("summer", "winter"), ("hot", "cold"), ("warm", "cold"),
        ("cheap", "expensive"), ("cheap", "luxury"), ("budget", "luxury"), ("city", "countryside"), ("city", "rural"), ("beach", "mountains"),
        ("short", "long"), ("quiet", "lively"), ("quiet", "busy"), ("fast", "slow"), ("indoor", "outdoor"), ("sweet", "savory"),
        ("spicy", "mild"), ("trains", "flights"), ("train", "plane"), ("alone", "group"), ("small", "large"), ("more", "less"),
    ];

    private static bool Contrasts(string a, string b)
    {
        var wa = Words(a);
        var wb = Words(b);
        return Opposites.Any(p => (wa.Contains(p.Item1) && wb.Contains(p.Item2) && !wb.Contains(p.Item1) && !wa.Contains(p.Item2))
                               || (wa.Contains(p.Item2) && wb.Contains(p.Item1) && !wb.Contains(p.Item2) && !wa.Contains(p.Item1)));
    }

    private static HashSet<string> Words(string text) => ConceptText.Normalize(text).Split(' ').ToHashSet();

    private static bool IsTarget(CuratedConcept p, string text) =>
        p.Kind == Data.ProposalKind.Change && ConceptText.Normalize(p.TargetText) == ConceptText.Normalize(text);

    private static bool Negated(string text) => Negation().IsMatch(text.ToLowerInvariant());

    // English, German, Spanish negations and aversions.
    [GeneratedRegex(@"\b(not|no|never|dislikes?|hates?|avoids?|can't|cannot|don't|doesn't|won't|without|nicht|kein\w*|nie|niemals|mag keine?|vermeidet|hasst|ohne|nunca|sin|odia|evita|no le gusta)\b|n't\b")]
    private static partial Regex Negation();
}
