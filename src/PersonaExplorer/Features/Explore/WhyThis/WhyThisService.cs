using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Explore.WhyThis;

public enum InfluenceKind { Concept, Need }

/// <summary>One concept or need and three independent views of its influence on an answer.</summary>
/// <param name="ModelSaysUsed">The model's own claim (null when it could not be asked).</param>
/// <param name="Similarity">Best cosine similarity (MiniLM) between the item and a sentence of the answer that does not quote it.</param>
public sealed record Influence(InfluenceKind Kind, string Text, bool? ModelSaysUsed, double Similarity, string? ClosestSentence)
{
    public bool Reflected => Similarity >= WhyThisService.ReflectedThreshold;
}

public sealed record WhyThisReport(
    IReadOnlyList<Influence> Items,
    IReadOnlyList<string> LeftOut,
    IReadOnlyList<TracedMessage> Prompt,
    string? AttributionError);

/// <summary>
/// "Why this?" for an answer: which concepts and needs were in its prompt (read from the stored prompt itself),
/// which ones the model says it used, and which ones the answer measurably reflects — independent of that claim.
/// </summary>
public sealed partial class WhyThisService(
    IDbContextFactory<PersonaDbContext> factory,
    AttributionAgent attribution,
    ITextEmbedder embedder,
    Limits.ModelBudget budget,
    ILogger<WhyThisService> logger,
    Profiles.Steering.IWorkspaceSteering? workspace = null)
{
    // One attribution call per circuit at a time: a newer "Why this?" cancels the older one's call and waits for it to end.
    private readonly SemaphoreSlim _oneCall = new(1, 1);
    private readonly Lock _gate = new();
    private CancellationTokenSource? _current;

    /// <summary>MiniLM cosine above which an answer sentence counts as reflecting a concept (paraphrases score ~0.5–0.7, unrelated ~0.1).</summary>
    public const double ReflectedThreshold = 0.45;

    public async Task<WhyThisReport> ExplainAsync(Message answer, IReadOnlyList<string> enabledConcepts, CancellationToken ct = default)
    {
        var prompt = await PromptOfAsync(answer, ct);
        var system = prompt.FirstOrDefault(m => m.Role == "system")?.Text ?? "";
        var concepts = ChatPrompt.ReadConcepts(system).Select(c => c.Text).ToList();
        var needs = ChatPrompt.ReadConfirmedNeeds(system).ToList();
        var (claim, error) = await ClaimAsync(concepts, needs, answer.Content, ct);
        return await ReportAsync(concepts, needs, answer.Content, i => claim?.UsesConcept(i), j => claim?.UsesNeed(j),
            enabledConcepts, prompt, error, ct);
    }

    /// <summary>
    /// "Why this?" for a solution card: the concepts and confirmed needs in the designer's prompt, the designer's own claim
    /// (the concepts it lists as shaping the card, the needs it says the card meets) and what the card's text reflects.
    /// </summary>
    public async Task<WhyThisReport> ExplainCardAsync(SolutionCard card, IReadOnlyList<string> enabledConcepts, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var trace = await db.AgentTraces.AsNoTracking()
            .Where(t => t.SessionId == card.SessionId && t.TurnId == card.SourceMessageId && t.Agent == AgentNames.Solutions)
            .OrderByDescending(t => t.CreatedUtc).FirstOrDefaultAsync(ct);
        var prompt = trace is null ? [] : JsonSerializer.Deserialize<List<TracedMessage>>(trace.MessagesJson, AgentJson.Options) ?? [];
        var text = string.Join("\n\n", prompt.Select(m => m.Text));
        var concepts = ChatPrompt.ReadConcepts(text).Select(c => c.Text).ToList();
        var needs = ChatPrompt.ReadConfirmedNeeds(text).ToList();
        var cardText = string.Join("\n", [card.Title, card.Summary, .. card.MeetsNeeds, .. card.TradeOffs]);
        return await ReportAsync(concepts, needs, cardText,
            i => card.ConceptsUsed.Any(c => c.Contains(concepts[i], StringComparison.OrdinalIgnoreCase)),
            j => card.MeetsNeeds.Any(m => m.Contains(needs[j], StringComparison.OrdinalIgnoreCase)),
            enabledConcepts, prompt, null, ct);
    }

    private async Task<WhyThisReport> ReportAsync(List<string> concepts, List<string> needs, string text,
        Func<int, bool?> conceptClaimed, Func<int, bool?> needClaimed, IReadOnlyList<string> enabledConcepts,
        IReadOnlyList<TracedMessage> prompt, string? error, CancellationToken ct)
    {
        var conceptsMeasured = await MeasureAsync(concepts, text, ct);
        var needsMeasured = await MeasureAsync(needs, text, ct);
        var items = concepts.Select((c, i) => new Influence(InfluenceKind.Concept, c, conceptClaimed(i), conceptsMeasured[i].Score, conceptsMeasured[i].Sentence))
            .Concat(needs.Select((n, j) => new Influence(InfluenceKind.Need, n, needClaimed(j), needsMeasured[j].Score, needsMeasured[j].Sentence)))
            .ToList();
        var leftOut = enabledConcepts.Where(c => !concepts.Contains(c)).ToList();
        return new WhyThisReport(items, leftOut, prompt, error);
    }

    /// <summary>The exact messages sent for this answer: the chat answer's trace of its turn, matched by its text.</summary>
    public async Task<IReadOnlyList<TracedMessage>> PromptOfAsync(Message answer, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var turnId = await db.Messages.Where(m => m.SessionId == answer.SessionId && m.Role == MessageRole.User && m.Sequence < answer.Sequence)
            .OrderByDescending(m => m.Sequence).Select(m => m.Id).FirstOrDefaultAsync(ct);
        var traces = await db.AgentTraces.AsNoTracking()
            .Where(t => t.SessionId == answer.SessionId && t.TurnId == turnId && t.Agent == AgentNames.Responder)
            .OrderByDescending(t => t.CreatedUtc).ToListAsync(ct);
        var trace = traces.FirstOrDefault(t => t.ResultJson == answer.Content) ?? traces.FirstOrDefault();
        return trace is null ? [] : JsonSerializer.Deserialize<List<TracedMessage>>(trace.MessagesJson, AgentJson.Options) ?? [];
    }

    private async Task<(AttributionResult? Claim, string? Error)> ClaimAsync(IReadOnlyList<string> concepts, IReadOnlyList<string> needs, string answer, CancellationToken ct)
    {
        if (concepts.Count == 0 && needs.Count == 0) return (new AttributionResult(), null);
        // A spent budget still shows what the answer measurably reflects; only the model's own claim is missing.
        if (await budget.TrySpendAsync(Limits.ModelAction.WhyThis) is { } spent) return (null, spent);
        var mine = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lock (_gate)
        {
            _current?.Cancel();
            _current = mine;
        }
        try
        {
            await _oneCall.WaitAsync(mine.Token);
            try
            {
                // In a study condition its model is asked, like the model that wrote the answer.
                var outcome = await attribution.RunAsync(concepts, needs, answer, mine.Token, workspace?.ConditionModel);
                return (outcome.Result, outcome.Error);
            }
            finally { _oneCall.Release(); }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Attribution failed");
            return (null, "The model could not be asked which preferences it used.");
        }
        finally
        {
            lock (_gate)
            {
                if (_current == mine) _current = null;
            }
            mine.Dispose();
        }
    }

    /// <summary>
    /// For each item, the answer sentence closest in meaning. Sentences that quote the item verbatim are skipped:
    /// they are the model's own report ("Following your preference …"), not evidence that the answer follows it.
    /// </summary>
    public async Task<IReadOnlyList<(double Score, string? Sentence)>> MeasureAsync(IReadOnlyList<string> items, string answer, CancellationToken ct = default)
    {
        if (items.Count == 0) return [];
        var sentences = Sentences(answer).ToList();
        if (sentences.Count == 0) return items.Select(_ => (0d, (string?)null)).ToList();
        var vectors = await embedder.EmbedAsync([.. items, .. sentences], ct);
        return items.Select((item, i) =>
        {
            var best = (Score: 0d, Sentence: (string?)null);
            for (var s = 0; s < sentences.Count; s++)
            {
                if (sentences[s].Contains(item, StringComparison.OrdinalIgnoreCase)) continue;
                var score = Similarity.Cosine(vectors[i], vectors[items.Count + s]);
                if (score > best.Score) best = (score, sentences[s]);
            }
            return best;
        }).ToList();
    }

    public static IEnumerable<string> Sentences(string markdown) =>
        SentenceBreak().Split(Markdig.Markdown.ToPlainText(markdown ?? ""))
            .Select(s => s.Trim()).Where(s => s.Length >= 12);

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+|\s+—\s+")]
    private static partial Regex SentenceBreak();
}
