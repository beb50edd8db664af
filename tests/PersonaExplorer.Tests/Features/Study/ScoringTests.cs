using PersonaExplorer.Features.Study;

namespace PersonaExplorer.Tests.Features.Study;

public class ScoringTests
{
    [Theory]
    [InlineData(new[] { 5, 1, 5, 1, 5, 1, 5, 1, 5, 1 }, 100)] // best possible
    [InlineData(new[] { 1, 5, 1, 5, 1, 5, 1, 5, 1, 5 }, 0)]   // worst possible
    [InlineData(new[] { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 }, 50)]  // all neutral
    [InlineData(new[] { 4, 2, 4, 2, 4, 2, 4, 2, 4, 2 }, 75)]
    // Brooke's scoring worked by hand: odd (r−1) = 3+4+3+4+3 = 17, even (5−r) = 4+3+4+4+3 = 18, 35 × 2.5 = 87.5
    [InlineData(new[] { 4, 1, 5, 2, 4, 1, 5, 1, 4, 2 }, 87.5)]
    public void Sus_follows_Brooke(int[] responses, double expected) => Assert.Equal(expected, SusScoring.Score(responses));

    [Fact]
    public void Sus_rejects_wrong_counts_and_out_of_range_answers()
    {
        Assert.Throws<ArgumentException>(() => SusScoring.Score([1, 2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SusScoring.Score([0, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SusScoring.Score([6, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
    }

    [Theory]
    [InlineData(new double[] { 0, 0, 0, 0, 0, 0 }, 0)]
    [InlineData(new double[] { 100, 100, 100, 100, 100, 100 }, 100)]
    [InlineData(new double[] { 70, 20, 50, 30, 60, 40 }, 45)] // raw TLX = unweighted mean
    public void Raw_tlx_is_the_mean_of_six_subscales(double[] ratings, double expected) => Assert.Equal(expected, TlxScoring.RawScore(ratings));

    [Fact]
    public void Tlx_rejects_wrong_counts_and_range()
    {
        Assert.Throws<ArgumentException>(() => TlxScoring.RawScore([1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TlxScoring.RawScore([101, 0, 0, 0, 0, 0]));
    }

    [Fact]
    public void Questionnaire_validation_requires_every_scale_item_and_checks_ranges()
    {
        var study = new PersonaExplorer.Data.ResearchStudy { Name = "s", TlxAfterEachTask = true, SusAfterEachTask = true };
        var items = QuestionnaireBuilder.Build(study, PersonaExplorer.Data.QuestionScope.AfterEachTask);
        Assert.Equal(16, items.Count);
        var answers = items.ToDictionary(i => i.Id, i => new QuestionnaireResponse(i.Type == ItemType.Scale0To100 ? 55 : 3));
        Assert.Null(QuestionnaireBuilder.Validate(items, answers));
        answers.Remove(items[0].Id);
        Assert.Equal("One question is not answered yet.", QuestionnaireBuilder.Validate(items, answers));
        answers[items[0].Id] = new QuestionnaireResponse(52); // not a step of 5
        Assert.NotNull(QuestionnaireBuilder.Validate(items, answers));
        answers[items[0].Id] = new QuestionnaireResponse(50);
        answers[items[^1].Id] = new QuestionnaireResponse(6); // SUS is 1–5
        Assert.NotNull(QuestionnaireBuilder.Validate(items, answers));
    }
}
