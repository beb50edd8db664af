using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PersonaExplorer.Features.Profiles;

namespace PersonaExplorer.Ai;

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

    public bool CanAnswer(ChatResponseFormatJson format) => format.SchemaName is nameof(CuratorResult) or nameof(TextConceptsResult);

    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format)
    {
        var system = string.Join("\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var own = format.SchemaName == nameof(CuratorResult)
            ? PromptFence.Read(system, ProfileCurator.ConversationBlock).Where(i => i.Attributes.GetValueOrDefault("role") == "user").Select(i => i.Text)
            : PromptFence.Read(system, ProfileTextBuilder.TextBlock).Select(i => i.Text);
        var existing = PromptFence.Read(system, ProfileCurator.ConceptsBlock).Select(i => Features.Profiles.ConceptText.Normalize(i.Text)).ToHashSet();
        var proposals = Propose(own, existing);
        return JsonSerializer.SerializeToElement(new { proposals }, JsonSerializerOptions.Web);
    }

    /// <summary>The rule-based proposals for these texts (one per concept, first evidence wins).</summary>
    public static List<ConceptProposalDraft> Propose(IEnumerable<string> texts, IReadOnlySet<string>? existing = null)
    {
        var found = new Dictionary<string, ConceptProposalDraft>();
        foreach (var sentence in texts.SelectMany(Sentences))
        {
            var lower = sentence.ToLowerInvariant();
            foreach (var rule in Rules)
            {
                var m = rule.Pattern.Match(lower);
                if (!m.Success) continue;
                var text = rule.Text(m);
                var key = Features.Profiles.ConceptText.Normalize(text);
                if (existing?.Contains(key) == true) continue;
                if (found.TryGetValue(key, out var prior) && prior.ConfidenceScore >= rule.Confidence) continue;
                var level = rule.Confidence >= ProfileCuratorGuard.HighFrom ? "high" : rule.Confidence >= ProfileCuratorGuard.LowBelow ? "medium" : "low";
                found[key] = new ConceptProposalDraft
                {
                    Text = text, Category = rule.Category, Weight = rule.Weight, Evidence = sentence.Trim(), Stated = rule.Stated,
                    Confidence = level, ConfidenceScore = rule.Confidence,
                    Question = level == "low" ? $"Should your profile say \"{text}\"?" : null,
                };
            }
        }
        return found.Values.ToList();
    }

    private static IEnumerable<string> Sentences(string text) =>
        SentenceSplit().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static Regex R(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceSplit();
}
