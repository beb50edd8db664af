using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Ai.Offline;

/// <summary>
/// The offline demo model's answers to the curator's and the text builder's structured-output requests: deterministic
/// keyword/pattern rules over the person's own sentences ("I am vegetarian" → "prefers vegetarian food",
/// "on a tight budget" → "budget-conscious", "hate flying" → "prefers trains over flights"). It reads what a real model
/// would be sent (the fenced blocks), and, like the instructions ask, never infers sensitive attributes.
/// </summary>
public sealed partial class ProfileCuratorOfflineResponder : IOfflineStructuredResponder
{
    private sealed record Rule(Regex Pattern, Func<Match, string> Text, string Category, double Weight, double Confidence, bool Stated);

    private static readonly Rule[] Rules =
    [
        new(R(@"\b(i am|i'm|im) (a )?vegan\b"), _ => "prefers vegan food", "diet", 0.9, 0.9, true),
        new(R(@"\b(i am|i'm|im) (a |mostly )?vegetarian\b|\bi (don't|do not|never) eat meat\b|\bno meat for me\b"), _ => "prefers vegetarian food", "diet", 0.9, 0.9, true),
        new(R(@"\b(on a |have a |with a )?(tight|limited|small|low|strict) budget\b|\b(i|we) can't afford\b|\bmoney is tight\b"), _ => "budget-conscious", "budget", 0.8, 0.85, true),
        new(R(@"\bcheap\b|\bsave money\b|\baffordable\b"), _ => "budget-conscious", "budget", 0.6, 0.45, false),
        new(R(@"\b(i )?(hate|can't stand|dislike|don't like|avoid|am afraid of|fear) (flying|flights|to fly|planes)\b"), _ => "prefers trains over flights", "travel", 0.8, 0.85, true),
        new(R(@"\b(i )?(love|like|prefer) (travelling by |traveling by |taking the )?trains?\b"), _ => "likes travelling by train", "travel", 0.7, 0.7, true),
        new(R(@"\b(i )?(hate|dislike|avoid|can't stand) crowds\b|\b(i )?(like|love|prefer|need) (it )?quiet\b"), _ => "prefers quiet places", "style", 0.7, 0.7, true),
        new(R(@"\bmorning person\b|\bearly riser\b|\bi (study|work|focus) best in the morning\b"), _ => "studies best in the morning", "schedule", 0.7, 0.8, true),
        new(R(@"\bnight owl\b|\bi (study|work|focus) best (in the evening|at night)\b"), _ => "studies best in the evening", "schedule", 0.7, 0.8, true),
        new(R(@"\bluxury\b|\bsplurge\b|\bhigh-end\b"), _ => "enjoys premium options", "budget", 0.5, 0.4, false),
        new(R(@"\b(with|and) (my )?(kids|children|toddler)\b"), _ => "travels with children", "travel", 0.7, 0.65, true),
        new(R(@"\bi(?: am|'m) allergic to ([a-z ]{3,30}?)(?=[.,;!]|$| and )"), m => $"allergic to {m.Groups[1].Value.Trim()}", "health", 1, 0.9, true),
        new(R(@"\bi(?: am|'m) (vegan|vegetarian) for religious reasons\b"), m => $"{m.Groups[1].Value} for religious reasons", "religion", 1, 0.9, true),
    ];

    // The curator's and text builder's schemas and blocks, by name, so the offline model needs none of their types.
    public const string CuratorSchema = "CuratorResult";
    public const string TextSchema = "TextConceptsResult";
    public const string ConversationBlock = "conversation";
    public const string ConceptsBlock = "current_concepts";
    public const string TextBlock = "user_text";
    private const double HighFrom = 0.8;
    private const double LowBelow = 0.5;

    /// <summary>One proposal, in the JSON shape the curator asks for.</summary>
    public sealed record Proposal(string Text, string Category, double Weight, string Evidence, bool Stated, string Confidence, double ConfidenceScore, string? Question)
    {
        public string Kind { get; init; } = "add";
    }

    public bool CanAnswer(ChatResponseFormatJson format) => format.SchemaName is CuratorSchema or TextSchema;

    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format, OfflineReading reading)
    {
        var system = string.Join("\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var own = format.SchemaName == CuratorSchema
            ? PromptFence.Read(system, ConversationBlock).Where(i => i.Attributes.GetValueOrDefault("role") == "user").Select(i => i.Text)
            : PromptFence.Read(system, TextBlock).Select(i => i.Text);
        var existing = PromptFence.Read(system, ConceptsBlock).Select(i => Normalize(i.Text)).ToHashSet();
        var proposals = Propose(own, existing);
        return JsonSerializer.SerializeToElement(new { proposals }, JsonSerializerOptions.Web);
    }

    /// <summary>The rule-based proposals for these texts (one per concept, first evidence wins).</summary>
    public static List<Proposal> Propose(IEnumerable<string> texts, IReadOnlySet<string>? existing = null)
    {
        var found = new Dictionary<string, Proposal>();
        foreach (var sentence in texts.SelectMany(Sentences))
        {
            var lower = sentence.ToLowerInvariant();
            foreach (var rule in Rules)
            {
                var m = rule.Pattern.Match(lower);
                if (!m.Success) continue;
                var text = rule.Text(m);
                var key = Normalize(text);
                if (existing?.Contains(key) == true) continue;
                if (found.TryGetValue(key, out var prior) && prior.ConfidenceScore >= rule.Confidence) continue;
                var level = rule.Confidence >= HighFrom ? "high" : rule.Confidence >= LowBelow ? "medium" : "low";
                found[key] = new Proposal(text, rule.Category, rule.Weight, sentence.Trim(), rule.Stated, level, rule.Confidence, level == "low" ? $"Should your profile say \"{text}\"?" : null);
            }
        }
        return found.Values.ToList();
    }

    /// <summary>Lower case, letters and digits, single spaces: how the app compares concept texts.</summary>
    private static string Normalize(string text) => string.Join(' ', NonWord().Split(text.ToLowerInvariant()).Where(w => w.Length > 0));

    private static IEnumerable<string> Sentences(string text) =>
        SentenceSplit().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static Regex R(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceSplit();
}
