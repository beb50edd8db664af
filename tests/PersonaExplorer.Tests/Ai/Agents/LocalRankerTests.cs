using Microsoft.Extensions.AI;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Ai.Agents;

public class LocalRankerTests
{
    private static AgentInput Input(params KnownNeed[] needs) => new()
    {
        Conversation = [new ChatMessage(ChatRole.User, "Plan a weekend in Lisbon")],
        Context = new TurnContext([new PromptConcept("dislikes long flights", "travel", 1)]),
        Needs = needs,
    };

    [Fact]
    public async Task A_need_met_by_a_pinned_card_is_not_flagged_as_unmet()
    {
        var input = Input(new KnownNeed("a wheelchair-accessible hotel room", NeedKind.Explicit, NeedStatus.Confirmed)) with
        {
            Context = new TurnContext([]) { PinnedCards = [new PinnedCard("Accessible riverside hotel", "A wheelchair-accessible hotel room with step-free access.")] },
        };

        var outcome = await new LocalRanker(SharedEmbedder.MiniLm).RankAsync(input, Cards, default);

        Assert.Empty(outcome.Result!.UnmetNeeds);
    }

    private static readonly ProposedSolution[] Cards =
    [
        new() { Title = "Museum marathon", Summary = "Three museums a day with guided tours." },
        new() { Title = "Night train and old town", Summary = "Arrive by overnight train, stay in a quiet guesthouse in the old town, no flights." },
    ];

    [Fact]
    public async Task The_card_closest_to_the_confirmed_needs_and_profile_comes_first()
    {
        var outcome = await new LocalRanker(SharedEmbedder.MiniLm).RankAsync(
            Input(new KnownNeed("travel overland without flying", NeedKind.Explicit, NeedStatus.Confirmed)), Cards, default);

        var result = Assert.IsType<RankingResult>(outcome.Result);
        Assert.Equal([1, 0], result.Order(Cards.Length));
        Assert.Single(outcome.Calls); // traced for the turn inspector, with no model call
    }

    [Fact]
    public async Task A_confirmed_need_no_card_meets_is_flagged_and_proposed_needs_are_not_judged()
    {
        var outcome = await new LocalRanker(SharedEmbedder.MiniLm).RankAsync(Input(
            new KnownNeed("a wheelchair-accessible hotel room", NeedKind.Explicit, NeedStatus.Confirmed),
            new KnownNeed("somewhere with live jazz", NeedKind.Implicit, NeedStatus.Proposed)), Cards, default);

        Assert.Equal(["a wheelchair-accessible hotel room"], outcome.Result!.UnmetNeeds);
        Assert.Contains("wheelchair", outcome.Result.Critique);
    }
}
