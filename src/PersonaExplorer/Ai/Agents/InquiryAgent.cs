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
        runner.RunAsync<InquiryResult>(AgentNames.Inquiry, BuildMessages(input, runner.Options), ct, runner.ClientFor(input.Context.Model));
}
