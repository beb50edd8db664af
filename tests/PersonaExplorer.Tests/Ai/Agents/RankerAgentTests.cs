using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using static PersonaExplorer.Tests.Ai.Agents.AgentTestData;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.Ai.Agents;

public class RankerAgentTests
{
    private static readonly List<ProposedSolution> Cards =
    [
        new() { Title = "Luxury resort", Summary = "Spa", MeetsNeeds = [] },
        new() { Title = "Hostel tour", Summary = "Cheap", MeetsNeeds = [new() { Need = "Stay within a budget", How = "Hostels" }] },
    ];

    [Fact]
    public void The_prompt_numbers_the_cards_and_fences_profile_and_confirmed_needs()
    {
        var messages = RankerAgent.BuildMessages(Input("Plan a trip"), Cards, Options);
        var system = SystemText(messages);

        AssertProfileIsFenced(messages);
        Assert.Equal(["Stay within a budget"], ChatPrompt.ReadConfirmedNeeds(system));
        var cards = PromptFence.Read(system, AgentPrompt.CardsBlock);
        Assert.Equal(["1", "2"], cards.Select(c => c.Attributes["card"]));
        Assert.StartsWith("Hostel tour:", cards[1].Text);
    }

    [Fact]
    public void The_order_puts_ranked_cards_first_and_keeps_the_rest()
    {
        var (result, _) = AgentRunner.Parse<RankingResult>("""{"ranking":[{"card":3,"score":0.9},{"card":9},{"card":3}],"unmetNeeds":[]}""");

        Assert.Equal([2, 0, 1, 3], result!.Order(4));
    }

    [Fact]
    public void A_ranking_without_any_card_number_needs_a_repair()
    {
        var (_, error) = AgentRunner.Parse<RankingResult>("""{"ranking":[],"unmetNeeds":["x"]}""");

        Assert.Contains("no card number", error);
    }

    [Fact]
    public void Offline_the_card_that_meets_the_confirmed_need_ranks_first_and_unmet_needs_are_flagged()
    {
        var cards = PromptFence.Read(RankerAgent.CardsBlock(Cards), AgentPrompt.CardsBlock).Select(c => c.Text).ToList();

        var result = RankerOfflineResponder.Rank(cards, ["Stay within a budget", "Near a beach"], []);

        Assert.Equal(2, result.Ranking[0].Card);
        Assert.Equal(["Near a beach"], result.UnmetNeeds);
    }
}
