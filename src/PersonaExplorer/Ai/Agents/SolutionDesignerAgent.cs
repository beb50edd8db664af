using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
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
                MeetsNeeds = s.MeetsNeeds.Where(m => !string.IsNullOrWhiteSpace(m.NeedId) || !string.IsNullOrWhiteSpace(m.NewNeed)).ToList(),
                ConceptIds = Clean(s.ConceptIds),
                TradeOffs = Clean(s.TradeOffs),
                UnmetNeedIds = Clean(s.UnmetNeedIds),
            })
            .Take(MaxSolutions).ToList();
        return Solutions.Count < MinSolutions
            ? $"expected {MinSolutions} to {MaxSolutions} solutions with a title, got {Solutions.Count}"
            : null;
    }

    /// <summary>Replaces the ids in every solution by the needs and concepts they name; returns the ids the prompt did not give.</summary>
    public IReadOnlyList<string> Resolve(PromptIds<KnownNeed> needs, PromptIds<PromptConcept> concepts)
    {
        var unknown = new List<string>();
        foreach (var s in Solutions)
        {
            s.MeetsNeeds = s.MeetsNeeds.Where(m =>
            {
                if (needs.TryResolve(m.NeedId, out var need)) m.Need = need.Statement;
                else if (!string.IsNullOrWhiteSpace(m.NewNeed)) m.Need = m.NewNeed.Trim();
                else unknown.Add(m.NeedId!);
                return m.Need.Length > 0;
            }).DistinctBy(m => m.Need).ToList();
            s.ConceptsUsed = concepts.Resolve(s.ConceptIds, unknown).Select(c => c.Text).ToList();
            s.UnmetNeeds = needs.Resolve(s.UnmetNeedIds, unknown).Select(n => n.Statement).ToList();
        }
        return unknown;
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
    [Description("The ids (c1, c2…) of the <user_profile> concepts that shaped this solution.")]
    public List<string> ConceptIds { get; set; } = [];
    public List<string> TradeOffs { get; set; } = [];
    [Description("The ids (n1, n2…) of the needs this solution does not meet.")]
    public List<string> UnmetNeedIds { get; set; } = [];

    /// <summary>The texts of the concepts <see cref="ConceptIds"/> names (resolved in code, never sent by the model).</summary>
    [JsonIgnore]
    public List<string> ConceptsUsed { get; set; } = [];
    /// <summary>The statements of the needs <see cref="UnmetNeedIds"/> names.</summary>
    [JsonIgnore]
    public List<string> UnmetNeeds { get; set; } = [];
}

public sealed record NeedFit
{
    [Description("The id (n1, n2…) of a need from <confirmed_needs> or <proposed_needs>; null for a need not listed there.")]
    public string? NeedId { get; set; }
    [Description("Only when needId is null: the unlisted need in at most 8 words; otherwise null.")]
    public string? NewNeed { get; set; }
    [Description("How the solution meets it, one short sentence.")]
    public string How { get; set; } = "";

    /// <summary>The statement of the need <see cref="NeedId"/> names (resolved in code).</summary>
    [JsonIgnore]
    public string Need { get; set; } = "";
}

/// <summary>Designs 2–4 solution cards from the needs, the profile, picked options and pinned cards.</summary>
public sealed class SolutionDesignerAgent(AgentRunner runner, ILogger<SolutionDesignerAgent>? logger = null)
{
    public const string Instructions =
        """
        You are the solution designer of an assistant for exploratory tasks. Propose 2 to 4 distinct, concrete
        solutions for the user's task. Tailor them to the confirmed needs first, then the proposed needs, the user
        profile (mind each line's strength and direction), the options the user picked and the solutions the user
        pinned (build on them; do not repeat them). Do not propose again a solution the user discarded.
        For each solution give a short title, a markdown summary, which needs it meets and how, which profile concepts
        shaped it, its trade-offs and the needs it does not meet. Refer to needs and concepts by the ids the blocks give
        (n1, c2…), never by copying their text; a need that is not listed yet goes in newNeed, in a few words.
        """;

    public static List<ChatMessage> BuildMessages(AgentInput input, AgentOptions options) =>
        AgentPrompt.Compose(Instructions,
            [AgentPrompt.Profile(input.Context), .. AgentPrompt.Needs(input, includeRejected: false),
             AgentPrompt.PickedOptions(input.Context), AgentPrompt.PinnedCards(input.Context), AgentPrompt.Discarded(input)],
            input, options.ConversationWindow, options.MaxMessageChars,
            "Design 2 to 4 solutions for the user's task.");

    public async Task<AgentOutcome<SolutionDesign>> RunAsync(AgentInput input, CancellationToken ct)
    {
        var outcome = await runner.RunAsync<SolutionDesign>(AgentNames.Solutions, BuildMessages(input, runner.Options), ct, runner.ClientFor(input.Context.Model));
        if (outcome.Result is { } design)
            AgentPrompt.LogUnknownIds(logger, AgentNames.Solutions, design.Resolve(AgentPrompt.NeedIds(input), AgentPrompt.ConceptIds(input.Context)));
        return outcome;
    }
}
