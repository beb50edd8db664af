using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.SteeringEval;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Ai.Offline;

public class OfflineSteeringTests
{
    private static IReadOnlyList<ConceptPair> Pairs() => UnderstandingEvaluation.LoadPairs(UnderstandingEvaluation.DataDirectory());

    [Fact]
    public async Task At_least_95_percent_of_the_concept_pairs_move_the_suggestions_the_intended_way()
    {
        var pairs = Pairs();
        Assert.True(pairs.Count >= 40);
        Assert.True(pairs.Select(p => p.Family).Distinct().Count() >= 20);
        Assert.All(pairs.GroupBy(p => p.Family), g => Assert.True(g.Count() >= 2, g.Key));
        using var model = new OfflineDemoChatClient(SharedEmbedder.MiniLm);

        var results = await UnderstandingEvaluation.RunPairsAsync(model, pairs);

        var rate = UnderstandingEvaluation.RateOf(results, r => r.Passed);
        Assert.True(rate.Value >= 0.95, $"{rate}: " + string.Join("; ", results.Where(r => !r.Passed).Select(r => $"{r.Pair.Concept} + {r.Pair.Request}")));
    }

    [Fact]
    public async Task A_parrot_that_only_repeats_the_concepts_scores_at_most_20_percent()
    {
        var results = await UnderstandingEvaluation.RunPairsAsync(new ParrotChatClient(), Pairs());

        Assert.True(UnderstandingEvaluation.RateOf(results, r => r.Passed).Value <= 0.20);
    }

    [Fact]
    public async Task A_deaf_model_that_never_sees_the_profile_scores_zero()
    {
        using var model = new OfflineDemoChatClient(SharedEmbedder.MiniLm);
        using var deaf = new DeafChatClient(model);

        var results = await UnderstandingEvaluation.RunPairsAsync(deaf, Pairs());

        Assert.Equal(0, results.Count(r => r.Passed));
    }

    [Fact]
    public async Task Disliking_vegetarian_food_drops_the_vegetarian_places_instead_of_offering_one()
    {
        var generic = await OfflineReadings.ReadAsync(["Find a restaurant for dinner"]);
        var dislikes = await OfflineReadings.ReadAsync(["Find a restaurant for dinner"], new PromptConcept("dislikes vegetarian food", "diet", 1));
        var likes = await OfflineReadings.ReadAsync(["Find a restaurant for dinner"], new PromptConcept("prefers vegetarian food", "diet", 1));

        var withDislike = OfflineSteering.Choose(dislikes.FamilyOrGeneral, dislikes.Concepts).Chosen;
        var withLike = OfflineSteering.Choose(likes.FamilyOrGeneral, likes.Concepts).Chosen;

        Assert.Equal("food", generic.Family?.Id);
        Assert.DoesNotContain(withDislike, o => o.Tags.Contains("veg") && !o.Tags.Contains("meat"));
        Assert.Contains(withLike, o => o.Title == "Green Table");
        Assert.DoesNotContain(withLike, o => o.Tags.Contains("meat") && !o.Tags.Contains("veg"));
    }

    [Fact]
    public async Task Not_being_a_morning_person_moves_study_to_the_evening()
    {
        var reading = await OfflineReadings.ReadAsync(["Organise my revision for the finals"], new PromptConcept("not a morning person", "schedule", 1));

        var chosen = OfflineSteering.Choose(reading.FamilyOrGeneral, reading.Concepts).Chosen;

        Assert.Contains(chosen, o => o.Title == "Evening study sessions");
        Assert.DoesNotContain(chosen, o => o.Tags.Contains("morning"));
    }
}
