using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;

namespace PersonaExplorer.Ai.Offline;

/// <summary>
/// Offline demo: asks the task family's clarifying questions that no user message answers yet; when the demo model is
/// not sure what kind of task it is, it asks that instead of guessing.
/// </summary>
public sealed class InquiryOfflineResponder : IOfflineStructuredResponder
{
    public bool CanAnswer(ChatResponseFormatJson format) => OfflineRules.Matches<InquiryResult>(format);

    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format, OfflineReading reading) =>
        AgentJson.ToElement(Questions(reading));

    public static InquiryResult Questions(OfflineReading reading)
    {
        var all = string.Join("\n", reading.UserMessages);
        var candidates = reading.IsUnsure ? [OfflineCatalogue.UnsureQuestion] : reading.FamilyOrGeneral.Questions;
        var questions = candidates
            .Where(q => !Regex.IsMatch(all, q.AnsweredBy, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            .Take(InquiryResult.MaxQuestions)
            .Select(q => new ClarifyingQuestionResult { Question = q.Question, QuickReplies = [.. q.Replies] })
            .ToList();
        return new InquiryResult { Questions = questions };
    }
}
