using PersonaExplorer.Ai.Offline;
using PersonaExplorer.SteeringEval;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Ai.Offline;

public class OfflineUnderstandingTests
{
    [Fact]
    public async Task At_least_95_percent_of_the_request_set_lands_in_the_expected_task_family()
    {
        var requests = UnderstandingEvaluation.LoadRequests(UnderstandingEvaluation.DataDirectory());
        Assert.True(requests.Count(r => r.Family is not null) >= 60);
        Assert.Equal(OfflineCatalogue.TaskFamilies.Select(f => f.Id).Order(), requests.Where(r => r.Family is not null).Select(r => r.Family!).Distinct().Order());
        Assert.All(requests.Where(r => r.Family is not null).GroupBy(r => r.Family), g => Assert.True(g.Count() >= 4, g.Key));
        // Phrased differently from the catalogue's own examples: none is a copy.
        var examples = OfflineCatalogue.TaskFamilies.SelectMany(f => f.Examples).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(requests, r => examples.Contains(r.Request));

        var results = await UnderstandingEvaluation.RunFamiliesAsync(OfflineReadings.Understanding, requests);

        var rate = UnderstandingEvaluation.RateOf(results, r => r.Passed);
        Assert.True(rate.Value >= 0.95, $"{rate}: " + string.Join("; ", results.Where(r => !r.Passed).Select(r => $"{r.Case.Request} → {r.Got ?? "not sure"}")));
    }

    [Theory]
    [InlineData("Help me choose a laptop for my daughter who starts university in design next autumn; I do not want to spend much and she travels a lot by train.", "electronics")]
    [InlineData("Plan my exam revision this weekend", "study")]
    [InlineData("Buy a camera for my holiday", "electronics")]
    [InlineData("Help me choose a hotel", "trip")]
    public async Task The_misroutes_of_issue_15_land_in_their_family(string request, string family)
    {
        var (found, _) = await OfflineReadings.Understanding.FamilyAsync(request);

        Assert.Equal(family, found?.Id);
    }

    [Fact]
    public async Task A_request_that_matches_no_family_is_not_guessed()
    {
        var (found, score) = await OfflineReadings.Understanding.FamilyAsync("asdf qwerty");

        Assert.Null(found);
        Assert.True(score < OfflineUnderstanding.TaskThreshold);
    }

    [Theory]
    [InlineData("prefers vegetarian food", 1, "vegetarian", Stance.Likes)]
    [InlineData("dislikes vegetarian food", 1, "vegetarian", Stance.Avoids)]
    [InlineData("can't afford luxury", 1, "luxury", Stance.Avoids)]
    [InlineData("not a morning person", 1, "morning", Stance.Avoids)]
    [InlineData("hates crowds", 1, "lively", Stance.Avoids)]
    [InlineData("dislikes long flights", -0.6, "flying", Stance.Avoids)]
    [InlineData("allergic to peanuts", 1, "allergy", Stance.Likes)]
    [InlineData("enjoys museums", -1, "art", Stance.Avoids)]
    public async Task A_concept_is_read_by_meaning_with_its_polarity(string text, double weight, string family, Stance stance)
    {
        var reading = await OfflineReadings.Understanding.ConceptAsync(text, weight);

        Assert.Equal(family, reading.Family?.Id);
        Assert.Equal(stance, reading.Stance);
    }

    [Fact]
    public async Task A_concept_outside_the_catalogue_is_not_understood()
    {
        var reading = await OfflineReadings.Understanding.ConceptAsync("collects stamps from Tuvalu", 1);

        Assert.Null(reading.Family);
        Assert.Equal(0, reading.Direction);
    }

    [Fact]
    public void The_catalogues_cover_at_least_15_task_families_and_20_concept_families()
    {
        Assert.True(OfflineCatalogue.TaskFamilies.Count >= 15);
        Assert.True(OfflineCatalogue.ConceptFamilies.Count >= 20);
        Assert.All(OfflineCatalogue.TaskFamilies, f => Assert.True(f.Options.Length >= 6, f.Id));
        // Every concept family can change something: some option somewhere carries its tags.
        var tags = OfflineCatalogue.TaskFamilies.SelectMany(f => f.Options).SelectMany(o => o.Tags).ToHashSet();
        Assert.All(OfflineCatalogue.ConceptFamilies, c => Assert.True(c.Tags.Any(tags.Contains), c.Id));
    }
}
