using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.SteeringEval;

public sealed record TaskRequest(string? Family, string Request);
public sealed record ConceptPair(string Family, string Concept, string Request, List<string> Toward, List<string> Away, double Weight = 1);

public sealed record FamilyResult(TaskRequest Case, string? Got, double Score)
{
    public bool Passed => Got == Case.Family;
}

public sealed record PairResult(ConceptPair Pair, int TowardBefore, int TowardAfter, int AwayBefore, int AwayAfter)
{
    /// <summary>Moved the intended way (more "toward" or fewer "away" words) and never the other way.</summary>
    public bool Passed => (TowardAfter > TowardBefore || AwayAfter < AwayBefore) && TowardAfter >= TowardBefore && AwayAfter <= AwayBefore;
}

public sealed record Rate(int Passed, int Total)
{
    public double Value => Total == 0 ? 0 : (double)Passed / Total;
    public override string ToString() => $"{Passed}/{Total} ({Value:P1})";
}

/// <summary>
/// Behaviour checks of the demo model (and of any model for the concept pairs): which task family a request lands in,
/// and whether a concept moves the suggestions in its intended direction against the same request without it.
/// Sentences that quote the concept never count, so a model that only repeats concepts gains nothing.
/// </summary>
public static partial class UnderstandingEvaluation
{
    public static string DataDirectory(string? start = null)
    {
        var dir = Path.Combine(start ?? AppContext.BaseDirectory, "understanding");
        if (Directory.Exists(dir)) return dir;
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "PersonaExplorer.sln"))) d = d.Parent;
        return Path.Combine(d?.FullName ?? ".", "tests", "PersonaExplorer.SteeringEval", "understanding");
    }

    public static IReadOnlyList<TaskRequest> LoadRequests(string dir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "task-requests.json"))).RootElement.GetProperty("requests").Deserialize<List<TaskRequest>>(Scenario.Json)!;

    public static IReadOnlyList<ConceptPair> LoadPairs(string dir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "concept-pairs.json"))).RootElement.GetProperty("pairs").Deserialize<List<ConceptPair>>(Scenario.Json)!;

    public static async Task<IReadOnlyList<FamilyResult>> RunFamiliesAsync(OfflineUnderstanding understanding, IEnumerable<TaskRequest> requests, CancellationToken ct = default)
    {
        var results = new List<FamilyResult>();
        foreach (var r in requests)
        {
            var (family, score) = await understanding.FamilyAsync(r.Request, ct);
            results.Add(new FamilyResult(r, family?.Id, score));
        }
        return results;
    }

    public static async Task<IReadOnlyList<PairResult>> RunPairsAsync(IChatClient model, IEnumerable<ConceptPair> pairs, CancellationToken ct = default)
    {
        var results = new List<PairResult>();
        foreach (var p in pairs)
        {
            var before = Unquoted(await AskAsync(model, [], p.Request, ct), p.Concept);
            var after = Unquoted(await AskAsync(model, [new PromptConcept(p.Concept, "general", p.Weight)], p.Request, ct), p.Concept);
            results.Add(new PairResult(p, Count(before, p.Toward), Count(after, p.Toward), Count(before, p.Away), Count(after, p.Away)));
        }
        return results;
    }

    public static Rate RateOf<T>(IReadOnlyList<T> results, Func<T, bool> passed) => new(results.Count(passed), results.Count);

    private static async Task<string> AskAsync(IChatClient model, IReadOnlyList<PromptConcept> concepts, string request, CancellationToken ct)
    {
        var messages = ChatPrompt.Build(new TurnContext(concepts), [new ChatMessage(ChatRole.User, request)]);
        return (await model.GetResponseAsync(messages, new ChatOptions(), ct)).Text;
    }

    /// <summary>The answer without markdown escapes and without the sentences that quote the concept (a quote is not steering).</summary>
    public static string Unquoted(string answer, string concept) =>
        string.Join("\n", SentenceBreak().Split(answer.Replace("\\", "", StringComparison.Ordinal))
            .Where(s => !s.Contains(concept, StringComparison.OrdinalIgnoreCase)));

    private static int Count(string text, IEnumerable<string> words) =>
        words.Sum(w => Regex.Matches(text, Regex.Escape(w), RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)).Count);

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceBreak();
}

/// <summary>Control: a model that only repeats the concept texts it was sent. An honest evaluation scores it near zero.</summary>
public sealed class ParrotChatClient : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var system = string.Join("\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var concepts = ChatPrompt.ReadConcepts(system);
        var text = "Here are some ideas for you.\n\n" + string.Concat(concepts.Select(c => $"- Following your preference: {c.Text}.\n"));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = ChatFinishReason.Stop });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}

/// <summary>Control: the model under test with the profile cut off (it never sees the system prompt). It must score 0%.</summary>
public sealed class DeafChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages.Where(m => m.Role != ChatRole.System).ToList(), options, cancellationToken);
}
