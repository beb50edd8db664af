using System.ComponentModel;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PersonaExplorer.Data;

namespace PersonaExplorer.Ai.Agents;

[Description("The user's needs found in the conversation: explicit (stated) and implicit (inferred).")]
public sealed record NeedsAnalysis : IAgentResult
{
    public const int MaxNeeds = 8;

    public List<ProposedNeed> Needs { get; set; } = [];

    public string? Normalize()
    {
        Needs = Needs
            .Where(n => !string.IsNullOrWhiteSpace(n.Statement))
            .Select(n => n with
            {
                Statement = n.Statement.Trim(),
                Evidence = n.Evidence.Trim(),
                Confidence = Math.Clamp(n.Confidence, 0, 1),
                Priority = Math.Clamp(n.Priority, 1, 5),
            })
            .DistinctBy(n => n.Statement.ToLowerInvariant())
            .Take(MaxNeeds).ToList();
        return null;
    }
}

public sealed record ProposedNeed
{
    [Description("Short statement of the need, at most 12 words.")]
    public string Statement { get; set; } = "";
    [Description("explicit = the user stated it; implicit = inferred from what the user said.")]
    public NeedKind Kind { get; set; }
    [Description("A short quote from the user's messages that supports the need.")]
    public string Evidence { get; set; } = "";
    [Description("0 to 1: how sure the need is real.")]
    public double Confidence { get; set; }
    [Description("Suggested priority, 1 (highest) to 5 (lowest).")]
    public int Priority { get; set; } = 3;
}

/// <summary>Finds explicit and implicit needs with evidence, confidence and a suggested priority.</summary>
public sealed class NeedsAnalystAgent(AgentRunner runner)
{
    public const string Instructions =
        """
        You are the needs analyst of an assistant for exploratory tasks. From the conversation, list the user's needs:
        explicit needs the user stated, and implicit needs you can reasonably infer from what they said (for example,
        travelling with small children implies child-friendly places and a slower pace). For each need give a short
        statement, a short evidence quote copied from the user's messages, a confidence between 0 and 1 and a suggested
        priority from 1 (highest) to 5. Do not repeat needs already listed in <confirmed_needs> or <proposed_needs>, and
        never propose again a need listed in <rejected_needs>, not even reworded. Never infer sensitive attributes
        (health, religion, ethnicity, sexual orientation, politics); mention them only when the user stated them.
        """;

    public static List<ChatMessage> BuildMessages(AgentInput input, AgentOptions options) =>
        AgentPrompt.Compose(Instructions, [AgentPrompt.Profile(input.Context), .. AgentPrompt.Needs(input)],
            input, options.ConversationWindow, options.MaxMessageChars,
            "List the user's new explicit and implicit needs.");

    public Task<AgentOutcome<NeedsAnalysis>> RunAsync(AgentInput input, CancellationToken ct) =>
        runner.RunAsync<NeedsAnalysis>(AgentNames.Needs, BuildMessages(input, runner.Options), ct);
}

/// <summary>Offline demo: explicit needs from phrases like "I need …", amounts and durations; implicit needs from keywords.</summary>
public sealed partial class NeedsOfflineResponder : IOfflineStructuredResponder
{
    private sealed record Inference(Regex When, string Statement, int Priority, double Confidence);

    public bool CanAnswer(ChatResponseFormatJson format) => OfflineRules.Matches<NeedsAnalysis>(format);

    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format) =>
        AgentJson.ToElement(Analyse(OfflineRules.UserMessages(messages)));

    public static NeedsAnalysis Analyse(IReadOnlyList<string> userMessages)
    {
        var needs = new List<ProposedNeed>();
        foreach (var sentence in userMessages.SelectMany(OfflineRules.Sentences))
        {
            if (Money().Match(sentence) is { Success: true } money)
                needs.Add(Explicit($"Keep the cost {money.Value.Trim().TrimEnd(',', '.')}", sentence, 1));
            else if (Duration().Match(sentence) is { Success: true } duration)
                needs.Add(Explicit($"Fit into {duration.Value.Trim()}", sentence, 2));
            else if (Stated().Match(sentence) is { Success: true } stated)
                needs.Add(Explicit(OfflineRules.Capitalize(stated.Groups["what"].Value.Trim().TrimEnd('.', '!', '?')), sentence, 2));
        }

        var all = string.Join("\n", userMessages);
        foreach (var rule in Inferences.Concat(DomainDefault(OfflineRules.Domain(all))))
            if (OfflineRules.Evidence(userMessages, rule.When) is { } evidence)
                needs.Add(new ProposedNeed { Statement = rule.Statement, Kind = NeedKind.Implicit, Evidence = evidence, Confidence = rule.Confidence, Priority = rule.Priority });

        var result = new NeedsAnalysis { Needs = needs };
        result.Normalize();
        return result;
    }

    private static ProposedNeed Explicit(string statement, string evidence, int priority) =>
        new() { Statement = statement.Length > 90 ? statement[..90].TrimEnd() + "…" : statement, Kind = NeedKind.Explicit, Evidence = evidence, Confidence = 0.9, Priority = priority };

    private static readonly Inference[] Inferences =
    [
        new(Kids(), "Child-friendly activities and a relaxed pace", 2, 0.7),
        new(Tight(), "Low overall cost", 2, 0.65),
        new(Carry(), "Light and easy to carry around", 2, 0.6),
        new(Exam(), "Time for review and practice tests before the exam", 2, 0.65),
        new(Beginner(), "Beginner-friendly guidance", 3, 0.6),
        new(Veggie(), "Vegetarian-friendly food options", 2, 0.75),
        new(Short(), "Little time lost to transit", 3, 0.55),
    ];

    private static IEnumerable<Inference> DomainDefault(TaskDomain domain) => domain switch
    {
        TaskDomain.Trip => [new(Any(), "An itinerary that is easy to follow", 4, 0.5)],
        TaskDomain.Purchase => [new(Any(), "Good value for money", 3, 0.5)],
        TaskDomain.Study => [new(Any(), "A routine that is sustainable day to day", 3, 0.5)],
        TaskDomain.Research => [new(Any(), "A topic feasible with the available time and resources", 3, 0.5)],
        _ => [],
    };

    [GeneratedRegex(@"\b(under|below|less than|at most|max(imum)?|up to|around|about)\s*[$€£]?\s*\d[\d,.]*\s*(k\b|dollars?|euros?|usd|eur|gbp|[$€£])?", RegexOptions.IgnoreCase)]
    private static partial Regex Money();
    [GeneratedRegex(@"\b\d+\s*(days?|nights?|weeks?|months?)\b|\b(a|one|this|next) (weekend|week)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();
    [GeneratedRegex(@"\b(i need|i want|i'd like|i would like|i'm looking for|i am looking for|i prefer|it must|it should|it has to|must have|we need|we want)\s+(?<what>.{3,})", RegexOptions.IgnoreCase)]
    private static partial Regex Stated();
    [GeneratedRegex(@"\b(kids?|children|child|toddlers?|family)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Kids();
    [GeneratedRegex(@"\b(student|cheap|tight budget|budget|afford\w*|save money)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Tight();
    [GeneratedRegex(@"\b(commut\w*|travel\w* with it|carry|portable|on the go|backpack)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Carry();
    [GeneratedRegex(@"\bexams?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Exam();
    [GeneratedRegex(@"\b(first time|beginner|new to|never (been|done|used))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Beginner();
    [GeneratedRegex(@"\b(vegetarian|vegan|no meat|don't eat meat)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Veggie();
    [GeneratedRegex(@"\b(weekend|short trip|one day|day trip)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Short();
    [GeneratedRegex(@"\w+")]
    private static partial Regex Any();
}
