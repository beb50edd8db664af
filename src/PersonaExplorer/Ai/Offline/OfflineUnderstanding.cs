using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Ai.Embeddings;

namespace PersonaExplorer.Ai.Offline;

public enum Stance { Likes, Avoids }

/// <summary>How the demo model read one concept or confirmed need: its family (null = not understood) and stance.</summary>
public sealed record ConceptReading(string Text, double Weight, bool IsNeed, ConceptFamily? Family, Stance Stance, double Score, bool LooksLikeInstruction)
{
    /// <summary>+1 when options with the family's tags are favoured, -1 when they are avoided, 0 when it carries no weight.</summary>
    public int Direction => Family is null || LooksLikeInstruction || Weight == 0 ? 0 : Stance == Stance.Likes ? 1 : -1;
}

/// <summary>What the demo model understood of one call: the task family (null = not sure) and every concept.</summary>
public sealed record OfflineReading(TaskFamily? Family, double FamilyScore, IReadOnlyList<string> UserMessages, IReadOnlyList<ConceptReading> Concepts)
{
    public TaskFamily FamilyOrGeneral => Family ?? OfflineCatalogue.General;
    public bool IsUnsure => Family is null;
    public static OfflineReading Empty { get; } = new(null, 0, [], []);
}

/// <summary>
/// The demo model's understanding, by meaning: the request and each concept are compared with the catalogues'
/// example sentences using the local MiniLM model (nearest example wins). Below a similarity threshold the model says
/// it is not sure (task) or did not understand (concept) instead of guessing. Negation words decide likes/avoids.
/// </summary>
public sealed partial class OfflineUnderstanding(ITextEmbedder embedder)
{
    /// <summary>Below this the request matches no task family well enough: answer "I'm not sure".</summary>
    public const double TaskThreshold = 0.3;
    /// <summary>Below this a concept matches no concept family: named as not understood.</summary>
    public const double ConceptThreshold = 0.45;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (float[][] Tasks, int[] TaskOwner, float[][] Concepts, int[] ConceptOwner)? _catalogue;

    public async Task<OfflineReading> ReadAsync(IReadOnlyList<ChatMessage> messages, CancellationToken ct = default)
    {
        var prompt = AgentPrompt.AllText(messages);
        var users = OfflineRules.UserMessages(messages);
        if (users.Count == 0) users = messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text ?? "").Where(t => t.Length > 0).ToList();
        var items = ChatPrompt.ReadConcepts(prompt).Select(c => (c.Text, c.Weight, IsNeed: false))
            .Concat(ChatPrompt.ReadConfirmedNeeds(prompt).Select(n => (Text: n, Weight: 1d, IsNeed: true))).ToList();

        // The newest user message that clearly names a task decides; a follow-up ("which is best?") keeps the earlier task.
        TaskFamily? family = null;
        var familyScore = 0d;
        foreach (var text in users.Reverse())
        {
            var (f, score) = await FamilyAsync(text, ct);
            if (f is null) continue;
            (family, familyScore) = (f, score);
            break;
        }
        var concepts = new List<ConceptReading>();
        foreach (var (text, weight, isNeed) in items) concepts.Add(await ConceptAsync(text, weight, isNeed, ct));
        return new OfflineReading(family, familyScore, users, concepts);
    }

    /// <summary>The task family of one request and its similarity; (null, best score) when below the threshold.</summary>
    public async Task<(TaskFamily? Family, double Score)> FamilyAsync(string request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request)) return (null, 0);
        var catalogue = await CatalogueAsync(ct);
        var vector = await embedder.EmbedAsync(request.Trim(), ct);
        var (index, score) = Similarity.Nearest(vector, catalogue.Tasks);
        return index < 0 || score < TaskThreshold ? (null, score) : (OfflineCatalogue.TaskFamilies[catalogue.TaskOwner[index]], score);
    }

    public async Task<ConceptReading> ConceptAsync(string text, double weight, bool isNeed = false, CancellationToken ct = default)
    {
        var injection = Injection().IsMatch(text.ToLowerInvariant());
        var catalogue = await CatalogueAsync(ct);
        // Match the thing itself: "can't stand crowds" is about crowds; the negation only flips the stance.
        var core = Negation().Replace(text.ToLowerInvariant(), " ").Trim();
        var vector = await embedder.EmbedAsync(core.Length == 0 ? text : core, ct);
        var (index, score) = Similarity.Nearest(vector, catalogue.Concepts);
        var family = index < 0 || score < ConceptThreshold ? null : OfflineCatalogue.ConceptFamilies[catalogue.ConceptOwner[index]];
        var negated = Negation().IsMatch(text.ToLowerInvariant()) && family is not { AlwaysLikes: true };
        // A negative weight and a negation both mean "avoid" (the app's convention): "dislikes long flights" at -0.6 still avoids flights.
        var likes = weight >= 0 && !negated;
        return new ConceptReading(text, weight, isNeed, family, likes ? Stance.Likes : Stance.Avoids, score, injection);
    }

    /// <summary>Reads the catalogues now (they are otherwise read on the first request).</summary>
    public Task WarmUpAsync(CancellationToken ct = default) => CatalogueAsync(ct);

    private async Task<(float[][] Tasks, int[] TaskOwner, float[][] Concepts, int[] ConceptOwner)> CatalogueAsync(CancellationToken ct)
    {
        if (_catalogue is { } ready) return ready;
        await _gate.WaitAsync(ct);
        try
        {
            if (_catalogue is { } again) return again;
            var tasks = OfflineCatalogue.TaskFamilies.SelectMany((f, i) => f.Examples.Select(e => (e, i))).ToList();
            var concepts = OfflineCatalogue.ConceptFamilies.SelectMany((f, i) => f.Examples.Select(e => (e, i))).ToList();
            // The catalogue is shared by every caller: one caller's stop must not cancel (and fail) its one-time encoding.
            var taskVectors = await embedder.EmbedAsync(tasks.Select(t => t.e).ToList(), CancellationToken.None);
            var conceptVectors = await embedder.EmbedAsync(concepts.Select(c => c.e).ToList(), CancellationToken.None);
            _catalogue = (taskVectors, tasks.Select(t => t.i).ToArray(), conceptVectors, concepts.Select(c => c.i).ToArray());
            return _catalogue.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    [GeneratedRegex(@"\b(not|no|never|don't|do not|doesn't|does not|can't|cannot|can not|won't|dislikes?|avoids?|avoiding|hates?|hating|fears?|afraid of|without|against|anything but|tired of|sick of|can't stand|isn't|is not|aren't|are not)\b")]
    private static partial Regex Negation();

    [GeneratedRegex(@"\b(ignore|disregard|forget)\b.*\b(instruction|instructions|rules|previous|above|prompt)\b|system prompt|\breveal\b|\byou are now\b|\bjailbreak\b")]
    private static partial Regex Injection();
}
