using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
namespace PersonaExplorer.Ai.Offline;

/// <summary>
/// Deterministic simulator answers for the offline demo model. The profile steers them: words such as "impatient",
/// "frustrated" or "novice" raise workload and lower usability; "expert", "enthusiastic" or "likes" do the opposite.
/// A stable hash of profile and item adds per-item variation (no randomness, no clock).
/// </summary>
public sealed partial class OfflineSimulatorResponder : IOfflineStructuredResponder
{
    // The study simulator's schemas and turn limit, by name: Ai/ is a lower layer and does not see the Study feature's types.
    public const string TurnSchema = "SimulatedTurn";
    public const string QuestionnaireSchema = "SimulatedQuestionnaire";
    public const int MaxTurns = 3;

    private sealed record SimulatedTurn(string Message, bool Done);
    private sealed record SimulatedAnswer(string Id, double? Value, string? Text);
    private sealed record SimulatedQuestionnaire(List<SimulatedAnswer> Answers);

    public bool CanAnswer(ChatResponseFormatJson format) => format.SchemaName is TurnSchema or QuestionnaireSchema;

    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format, OfflineReading reading)
    {
        var system = messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text ?? "";
        var profile = Between(system, "<participant_profile>", "</participant_profile>");
        return format.SchemaName == TurnSchema ? Turn(system, profile) : Questionnaire(messages, profile);
    }

    private static JsonElement Turn(string system, string profile)
    {
        var task = TaskTitle().Match(system) is { Success: true } m ? m.Groups[1].Value : "this task";
        var turn = TurnNumber().Match(system) is { Success: true } t ? int.Parse(t.Groups[1].Value) : 1;
        var wish = profile.Split(['.', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "I want something simple";
        var message = turn switch
        {
            1 => $"Help me with: {task}. {wish}.",
            2 => $"Can you make it more specific for me? {wish}.",
            _ => "Thanks, that works for me.",
        };
        return JsonSerializer.SerializeToElement(new SimulatedTurn(message, turn >= MaxTurns), JsonSerializerOptions.Web);
    }

    private static JsonElement Questionnaire(IReadOnlyList<ChatMessage> messages, string profile)
    {
        var listing = Between(messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "", "<questionnaire>", "</questionnaire>");
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(listing) ? "[]" : listing);
        var mood = Mood(profile); // -1 … 1: positive = happy with the system
        var answers = new List<SimulatedAnswer>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var id = item.GetProperty("id").GetString() ?? "";
            var kind = item.GetProperty("kind").GetString();
            var jitter = (Hash(profile + id) % 3) - 1; // -1, 0, 1
            switch (kind)
            {
                case "Scale0To100":
                    // workload: a happy participant reports less (performance 0 = perfect, so also lower)
                    answers.Add(new(id, Math.Clamp(50 - mood * 30 + jitter * 10, 0, 100), null));
                    break;
                case "Likert":
                    var points = int.Parse(item.GetProperty("scale").GetString()!.Split('-')[1]);
                    var mid = (points + 1) / 2.0;
                    // SUS alternates positive (odd) and negative (even) statements
                    var negative = id.StartsWith("SUS:q", StringComparison.Ordinal) && int.Parse(id[5..]) % 2 == 0;
                    var v = mid + (negative ? -mood : mood) * (points - 1) / 2.0 * 0.8 + jitter * 0.5;
                    answers.Add(new(id, Math.Clamp(Math.Round(v), 1, points), null));
                    break;
                default:
                    answers.Add(new(id, null, mood >= 0 ? "It was helpful and quick." : "It took too long to get what I needed."));
                    break;
            }
        }
        return JsonSerializer.SerializeToElement(new SimulatedQuestionnaire(answers), JsonSerializerOptions.Web);
    }

    public static double Mood(string profile)
    {
        var p = profile.ToLowerInvariant();
        string[] good = ["expert", "enthusiastic", "likes", "tech-savvy", "patient", "curious"];
        string[] bad = ["impatient", "frustrated", "novice", "sceptical", "skeptical", "dislikes", "busy"];
        var score = good.Count(p.Contains) - bad.Count(p.Contains);
        return Math.Clamp(score / 2.0, -1, 1);
    }

    private static uint Hash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return h;
    }

    private static string Between(string text, string start, string end)
    {
        var i = text.IndexOf(start, StringComparison.Ordinal);
        var j = text.IndexOf(end, StringComparison.Ordinal);
        return i < 0 || j < i ? "" : text[(i + start.Length)..j].Trim();
    }

    [GeneratedRegex("<task title=\"([^\"]*)\">")]
    private static partial Regex TaskTitle();

    [GeneratedRegex(@"This is your turn (\d+)")]
    private static partial Regex TurnNumber();
}
