using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.Ai.Offline;

public class OfflineDemoAnswerTests
{
    [Fact]
    public async Task The_laptop_request_gets_laptops_not_trip_ideas()
    {
        var reading = await OfflineReadings.ReadAsync(["Help me choose a laptop for my daughter who starts university in design next autumn; I do not want to spend much and she travels a lot by train."]);

        var answer = OfflineDemoAnswer.Compose(reading);

        Assert.Contains("three options to buy", answer);
        Assert.DoesNotContain("Lisbon", answer);
        Assert.DoesNotContain("trip ideas", answer);
    }

    [Fact]
    public async Task An_unclear_request_gets_an_honest_not_sure_answer()
    {
        var answer = OfflineDemoAnswer.Compose(await OfflineReadings.ReadAsync(["asdf qwerty"]));

        Assert.StartsWith(OfflineDemoAnswer.NotSure, answer);
        Assert.DoesNotContain("### Suggestions", answer);
    }

    [Fact]
    public async Task A_concept_the_demo_model_does_not_know_is_named_as_not_understood()
    {
        var answer = OfflineDemoAnswer.Compose(await OfflineReadings.ReadAsync(["Plan a weekend trip"], new PromptConcept("collects stamps from Tuvalu", "general", 1)));

        Assert.Contains("*collects stamps from Tuvalu* (weight +1) was not understood by the demo model", answer);
    }

    [Fact]
    public async Task A_concept_that_steers_says_what_it_dropped_and_added()
    {
        var answer = OfflineDemoAnswer.Compose(await OfflineReadings.ReadAsync(["Plan a weekend trip"], new PromptConcept("prefers trains over flights", "travel", 1)));

        Assert.Contains("dropped **Flight to Lisbon**", answer);
        Assert.Contains("added **Rail loop through the Alps**", answer);
    }

    [Theory]
    [InlineData("![t](http://127.0.0.1:9/x.png?d=leak)")]
    [InlineData("<img src=x onerror=alert(1)>")]
    public async Task Concept_text_is_escaped_so_it_renders_as_literal_text(string concept)
    {
        var answer = OfflineDemoAnswer.Compose(await OfflineReadings.ReadAsync(["Plan a weekend trip"], new PromptConcept(concept, "general", 1)));
        var html = Markdig.Markdown.ToHtml(answer);

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("](http", answer.Replace("\\](", "", StringComparison.Ordinal));
        Assert.Contains(concept.Contains("onerror") ? "&lt;img src=x onerror=alert(1)&gt;" : "![t](http://127.0.0.1:9/x.png?d=leak)", html);
    }
}
