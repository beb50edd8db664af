using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Ai.Agents;

[Description("2 to 4 distinct solutions tailored to the user's needs and profile.")]
public sealed record SolutionDesign : IAgentResult
{
    public const int MinSolutions = 2;
    public const int MaxSolutions = 4;

    public List<ProposedSolution> Solutions { get; set; } = [];

    public string? Normalize()
    {
        Solutions = Solutions
            .Where(s => !string.IsNullOrWhiteSpace(s.Title))
            .Select(s => s with
            {
                Title = s.Title.Trim(),
                Summary = s.Summary.Trim(),
                MeetsNeeds = s.MeetsNeeds.Where(m => !string.IsNullOrWhiteSpace(m.Need)).ToList(),
                ConceptsUsed = Clean(s.ConceptsUsed),
                TradeOffs = Clean(s.TradeOffs),
                UnmetNeeds = Clean(s.UnmetNeeds),
            })
            .Take(MaxSolutions).ToList();
        return Solutions.Count < MinSolutions
            ? $"expected {MinSolutions} to {MaxSolutions} solutions with a title, got {Solutions.Count}"
            : null;
    }

    private static List<string> Clean(List<string> items) => items.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().ToList();
}

public sealed record ProposedSolution
{
    [Description("Short title, at most 8 words.")]
    public string Title { get; set; } = "";
    [Description("Markdown summary of the solution, 2 to 6 lines.")]
    public string Summary { get; set; } = "";
    [Description("The needs this solution meets and how.")]
    public List<NeedFit> MeetsNeeds { get; set; } = [];
    [Description("The profile concepts (copied text) that shaped this solution.")]
    public List<string> ConceptsUsed { get; set; } = [];
    public List<string> TradeOffs { get; set; } = [];
    [Description("Needs (copied text) this solution does not meet.")]
    public List<string> UnmetNeeds { get; set; } = [];
}

public sealed record NeedFit
{
    [Description("The need statement, copied.")]
    public string Need { get; set; } = "";
    [Description("How the solution meets it, one short sentence.")]
    public string How { get; set; } = "";
}

/// <summary>Designs 2–4 solution cards from the needs, the profile, picked options and pinned cards.</summary>
public sealed class SolutionDesignerAgent(AgentRunner runner)
{
    public const string Instructions =
        """
        You are the solution designer of an assistant for exploratory tasks. Propose 2 to 4 distinct, concrete
        solutions for the user's task. Tailor them to the confirmed needs first, then the proposed needs, the user
        profile (weight > 0: prefer, weight < 0: avoid), the options the user picked and the solutions the user
        pinned (build on them; do not repeat them). Do not propose again a solution the user discarded.
        For each solution give a short title, a markdown summary, which needs it meets and how (copy the need text),
        which profile concepts shaped it (copy the concept text), its trade-offs and the needs it does not meet.
        """;

    public static List<ChatMessage> BuildMessages(AgentInput input, AgentOptions options) =>
        AgentPrompt.Compose(Instructions,
            [AgentPrompt.Profile(input.Context), .. AgentPrompt.Needs(input, includeRejected: false),
             AgentPrompt.PickedOptions(input.Context), AgentPrompt.PinnedCards(input.Context), AgentPrompt.Discarded(input)],
            input, options.ConversationWindow, options.MaxMessageChars,
            "Design 2 to 4 solutions for the user's task.");

    public Task<AgentOutcome<SolutionDesign>> RunAsync(AgentInput input, CancellationToken ct) =>
        runner.RunAsync<SolutionDesign>(AgentNames.Solutions, BuildMessages(input, runner.Options), ct, runner.ClientFor(input.Context.Model));
}
