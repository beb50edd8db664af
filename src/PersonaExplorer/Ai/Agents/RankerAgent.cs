using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Ai.Agents;

[Description("The solution cards ordered best first against the confirmed needs and the profile, and the needs no card meets.")]
public sealed record RankingResult : IAgentResult
{
    public List<RankedSolution> Ranking { get; set; } = [];
    [Description("The ids (n1, n2…) of the confirmed needs that no solution meets.")]
    public List<string> UnmetNeedIds { get; set; } = [];
    /// <summary>The statements of the needs <see cref="UnmetNeedIds"/> names (resolved in code).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<string> UnmetNeeds { get; set; } = [];
    [Description("One or two sentences of critique for the user.")]
    public string Critique { get; set; } = "";

    /// <summary>Set by the agent before normalizing: how many cards were ranked.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int CardCount { get; set; } = int.MaxValue;

    public string? Normalize()
    {
        Ranking = Ranking.Where(r => r.Card >= 1 && r.Card <= CardCount).DistinctBy(r => r.Card).ToList();
        UnmetNeedIds = UnmetNeedIds.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct().ToList();
        Critique = Critique.Trim();
        return Ranking.Count == 0 ? "the ranking listed no card number from the <solution_cards> block" : null;
    }

    /// <summary>Card indexes (0-based) best first; cards the ranking left out keep their order at the end.</summary>
    public IReadOnlyList<int> Order(int cardCount) =>
        Ranking.Select(r => r.Card - 1).Where(i => i >= 0 && i < cardCount)
            .Concat(Enumerable.Range(0, cardCount)).Distinct().ToList();
}

public sealed record RankedSolution
{
    [Description("The card number from the <solution_cards> block.")]
    public int Card { get; set; }
    [Description("0 to 1: how well it fits.")]
    public double Score { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>Orders the designed cards against the confirmed needs and the enabled profile; flags needs no card meets.</summary>
public sealed class RankerAgent(AgentRunner runner, ILogger<RankerAgent>? logger = null)
{
    public const string Instructions =
        """
        You are the ranker and critic of an assistant for exploratory tasks. Rank the solution cards in
        <solution_cards> (refer to them by their card number) from best to worst fit for the confirmed needs and the
        user profile (mind each line's strength and direction). Give each a score between 0 and 1 and a one-line reason.
        List the ids (n1, n2…) of the confirmed needs that no card meets, and add a short critique.
        """;

    public static List<ChatMessage> BuildMessages(AgentInput input, IReadOnlyList<ProposedSolution> cards, AgentOptions options) =>
        AgentPrompt.Compose(Instructions,
            [AgentPrompt.Profile(input.Context), .. AgentPrompt.Needs(input, includeRejected: false), CardsBlock(cards)],
            input, options.ConversationWindow, options.MaxMessageChars,
            "Rank the solution cards and list the unmet confirmed needs.");

    public static string CardsBlock(IReadOnlyList<ProposedSolution> cards) =>
        PromptFence.Block(AgentPrompt.CardsBlock, cards.Select((c, i) => new FencedItem(
            $"{c.Title}: {c.Summary} Meets: {string.Join("; ", c.MeetsNeeds.Select(m => m.Need))}",
            new Dictionary<string, string> { ["card"] = (i + 1).ToString(CultureInfo.InvariantCulture) })));

    public async Task<AgentOutcome<RankingResult>> RunAsync(AgentInput input, IReadOnlyList<ProposedSolution> cards, CancellationToken ct)
    {
        var outcome = await runner.RunAsync<RankingResult>(AgentNames.Ranker, BuildMessages(input, cards, runner.Options), ct, runner.ClientFor(input.Context.Model));
        if (outcome.Result is { } r)
        {
            r.CardCount = cards.Count;
            r.Normalize();
            var unknown = new List<string>();
            r.UnmetNeeds = AgentPrompt.NeedIds(input).Resolve(r.UnmetNeedIds, unknown).Select(n => n.Statement).ToList();
            AgentPrompt.LogUnknownIds(logger, AgentNames.Ranker, unknown);
        }
        return outcome;
    }
}
