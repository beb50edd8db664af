using System.ComponentModel;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Ai.Agents;

[Description("Clarifying questions about an underspecified request; empty when the request is clear enough.")]
public sealed record InquiryResult : IAgentResult
{
    public const int MaxQuestions = 3;

    public List<ClarifyingQuestionResult> Questions { get; set; } = [];

    public string? Normalize()
    {
        Questions = Questions
            .Where(q => !string.IsNullOrWhiteSpace(q.Question))
            .Select(q => q with
            {
                Question = q.Question.Trim(),
                QuickReplies = q.QuickReplies.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().Take(4).ToList(),
            })
            .Take(MaxQuestions).ToList();
        return null;
    }
}

public sealed record ClarifyingQuestionResult
{
    [Description("One short question.")]
    public string Question { get; set; } = "";
    [Description("2 to 4 short answers the user can click.")]
    public List<string> QuickReplies { get; set; } = [];
}

/// <summary>Asks up to three clarifying questions when the request is underspecified. Never blocks the answer.</summary>
public sealed class InquiryAgent(AgentRunner runner)
{
    public const string Instructions =
        """
        You are the inquiry agent of an assistant for exploratory tasks. Decide whether the user's latest request is
        underspecified for a personalized answer (for example, missing budget, timing, who it is for, or what matters
        most). If it is, ask at most 3 short clarifying questions, each with 2 to 4 short quick replies the user can
        click. Do not ask about anything the conversation, the user profile or the confirmed needs already answer.
        Never ask about sensitive attributes (health, religion, ethnicity, sexual orientation, politics).
        If the request is clear enough, return an empty list of questions.
        """;

    public static List<ChatMessage> BuildMessages(AgentInput input, AgentOptions options) =>
        AgentPrompt.Compose(Instructions, [AgentPrompt.Profile(input.Context), .. AgentPrompt.Needs(input, includeRejected: false)],
            input, options.ConversationWindow, options.MaxMessageChars,
            "Which clarifying questions, if any, should be asked about the user's latest message?");

    public Task<AgentOutcome<InquiryResult>> RunAsync(AgentInput input, CancellationToken ct) =>
        runner.RunAsync<InquiryResult>(AgentNames.Inquiry, BuildMessages(input, runner.Options), ct);
}

/// <summary>Offline demo: asks about the slots (budget, timing, who, …) of the detected task that no user message fills yet.</summary>
public sealed partial class InquiryOfflineResponder : IOfflineStructuredResponder
{
    private sealed record Slot(Regex Filled, string Question, string[] Replies);

    public bool CanAnswer(ChatResponseFormatJson format) => OfflineRules.Matches<InquiryResult>(format);

    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format) =>
        AgentJson.ToElement(Questions(OfflineRules.UserMessages(messages)));

    public static InquiryResult Questions(IReadOnlyList<string> userMessages)
    {
        var all = string.Join("\n", userMessages);
        var questions = SlotsFor(OfflineRules.Domain(all))
            .Where(s => !s.Filled.IsMatch(all))
            .Take(InquiryResult.MaxQuestions)
            .Select(s => new ClarifyingQuestionResult { Question = s.Question, QuickReplies = [.. s.Replies] })
            .ToList();
        return new InquiryResult { Questions = questions };
    }

    private static IEnumerable<Slot> SlotsFor(TaskDomain domain) => domain switch
    {
        TaskDomain.Trip =>
        [
            new(Budget(), "What budget do you have in mind?", ["Tight budget", "Mid-range budget", "No strict budget"]),
            new(Duration(), "How long is the trip?", ["A weekend", "About a week", "Two weeks or more"]),
            new(Company(), "Who is travelling?", ["Just me", "With a partner", "With family and kids", "With friends"]),
        ],
        TaskDomain.Purchase =>
        [
            new(Budget(), "What budget do you have in mind?", ["Tight budget", "Mid-range budget", "No strict budget"]),
            new(Usage(), "What will you mainly use it for?", ["Office work", "Programming", "Gaming", "Photo and video editing"]),
            new(Portability(), "How much does portability matter?", ["Must be light and portable", "Balanced size and weight", "Big screen over weight"]),
        ],
        TaskDomain.Study =>
        [
            new(Deadline(), "When is your exam or deadline?", ["Within a week", "In about a month", "At the end of the semester"]),
            new(Hours(), "How much time can you study per day?", ["Under 1 hour a day", "1 to 3 hours a day", "More than 3 hours a day"]),
            new(Subjects(), "What does it cover?", ["One subject", "Several subjects", "A whole degree programme"]),
        ],
        TaskDomain.Research =>
        [
            new(Stage(), "What stage are you at?", ["Undergraduate project", "Master's thesis", "PhD research"]),
            new(Horizon(), "How much time do you have?", ["A few weeks", "A few months", "A year or more"]),
            new(Method(), "What kind of work do you enjoy most?", ["Experiments", "Building software", "Reading and theory"]),
        ],
        _ =>
        [
            new(Priority(), "What matters most to you here?", ["Low cost", "High quality", "Speed and simplicity"]),
            new(Duration(), "What is your time frame?", ["This week", "This month", "No rush"]),
        ],
    };

    [GeneratedRegex(@"[$€£]|\d+\s*(k|dollars?|euros?|usd|eur|gbp)\b|budget|cheap|afford|expensive|luxur|money|price|cost", RegexOptions.IgnoreCase)]
    private static partial Regex Budget();
    [GeneratedRegex(@"\d+\s*(days?|nights?|weeks?|months?)|weekend|a week|two weeks|this month|no rush|tomorrow", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();
    [GeneratedRegex(@"\b(alone|solo|just me|with (my|a|family|friends|kids)|family|kids|children|partner|friends|wife|husband|couple)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Company();
    [GeneratedRegex(@"\b(gaming|games|work|office|programming|coding|develop\w*|school|photo|video|editing|writing|browsing|streaming)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Usage();
    [GeneratedRegex(@"\b(light|lightweight|portable|portability|weight|heavy|screen|inch|size|carry)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Portability();
    [GeneratedRegex(@"\b(within a week|month|semester|deadline|tomorrow|next week|in \d+|by (monday|tuesday|wednesday|thursday|friday|saturday|sunday|the end))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Deadline();
    [GeneratedRegex(@"\b(\d+\s*(hours?|hrs|minutes|min)|hours? a day|per day|a day)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hours();
    [GeneratedRegex(@"\b(math\w*|physics|history|languages?|biology|chemistry|programming|statistics|subjects?|degree|economics|law)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Subjects();
    [GeneratedRegex(@"\b(undergrad\w*|bachelor|master'?s?|phd|doctoral|postdoc|thesis)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Stage();
    [GeneratedRegex(@"\b(weeks?|months?|years?|semester)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Horizon();
    [GeneratedRegex(@"\b(experiments?|software|theory|reading|data|interviews?|survey|building)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Method();
    [GeneratedRegex(@"\b(cost|cheap|quality|speed|fast|simple|simplicity|matters?|important|priority)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Priority();
}
