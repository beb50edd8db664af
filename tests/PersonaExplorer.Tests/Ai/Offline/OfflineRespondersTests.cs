using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Data;

namespace PersonaExplorer.Tests.Ai.Offline;

public class OfflineRespondersTests
{
    private const string Laptop = "Help me choose a laptop for my daughter who starts university in design next autumn; I do not want to spend much and she travels a lot by train.";

    [Fact]
    public async Task The_laptop_request_gets_needs_from_its_constraints_and_its_family()
    {
        var needs = NeedsOfflineResponder.Analyse(await OfflineReadings.ReadAsync([Laptop])).Needs;

        Assert.Contains(needs, n => n.Kind == NeedKind.Explicit && n.Statement == "Keep the cost low");
        Assert.Contains(needs, n => n.Kind == NeedKind.Explicit && n.Statement == "Ready by next autumn");
        Assert.Contains(needs, n => n.Kind == NeedKind.Explicit && n.Statement == "Suits your daughter");
        Assert.Contains(needs, n => n.Kind == NeedKind.Implicit && n.Statement == "Light with long battery life for travel");
        Assert.Contains(needs, n => n.Kind == NeedKind.Implicit && n.Statement == "Colour-accurate screen for design work");
        Assert.DoesNotContain(needs, n => n.Statement.Contains("itinerary"));
    }

    [Fact]
    public async Task Stated_and_inferred_trip_needs_come_with_evidence()
    {
        var needs = NeedsOfflineResponder.Analyse(await OfflineReadings.ReadAsync(["I want a quiet beach town. We travel with two kids and must stay under $2000."])).Needs;

        var budget = Assert.Single(needs, n => n.Statement.Contains("$2000"));
        Assert.Equal("Keep the cost under $2000", budget.Statement);
        var kids = Assert.Single(needs, n => n.Statement.StartsWith("Child-friendly activities"));
        Assert.Equal(NeedKind.Implicit, kids.Kind);
        Assert.Equal("We travel with two kids and must stay under $2000.", kids.Evidence);
        Assert.Contains(needs, n => n.Kind == NeedKind.Explicit && n.Statement == "A quiet beach town");
    }

    [Fact]
    public async Task The_laptop_cards_are_laptops_steered_by_the_profile()
    {
        var reading = await OfflineReadings.ReadAsync([Laptop], new PromptConcept("budget-conscious", "budget", 1));

        var design = SolutionsOfflineResponder.Design(reading, ["Light with long battery life for travel"], new HashSet<string>());

        Assert.InRange(design.Solutions.Count, 2, 4);
        Assert.DoesNotContain(design.Solutions, s => s.Title == "Flagship model");
        Assert.Contains(design.Solutions, s => s.Title == "Refurbished business model" && s.ConceptsUsed.Contains("budget-conscious"));
        Assert.Contains(design.Solutions, s => s.MeetsNeeds.Any(m => m.Need == "Light with long battery life for travel"));
    }

    [Fact]
    public async Task A_discarded_card_is_not_proposed_again()
    {
        var design = SolutionsOfflineResponder.Design(await OfflineReadings.ReadAsync(["Plan a trip"]), [], new HashSet<string> { "Flight to Lisbon" });

        Assert.DoesNotContain(design.Solutions, s => s.Title == "Flight to Lisbon");
    }

    [Fact]
    public async Task Card_summaries_escape_concept_text()
    {
        var design = SolutionsOfflineResponder.Design(await OfflineReadings.ReadAsync(["Plan a trip"], new PromptConcept("loves the beach ![t](http://127.0.0.1:9/x.png)", "travel", 1)), [], new HashSet<string>());

        Assert.All(design.Solutions, s => Assert.DoesNotContain("<img", Markdig.Markdown.ToHtml(s.Summary)));
    }

    [Theory]
    [InlineData("Plan my exam revision this weekend", "Technique")]
    [InlineData("Buy a camera for my holiday", "Operating system")]
    [InlineData("Help me organise a birthday party for my son", "Venue")]
    [InlineData("asdf qwerty", "Approach")]
    public async Task The_breakdown_fits_the_family(string request, string firstSubTask)
    {
        var plan = PlannerOfflineResponder.Plan((await OfflineReadings.ReadAsync([request])).FamilyOrGeneral);

        Assert.Equal(firstSubTask, plan.SubTasks[0].Title);
        Assert.All(plan.SubTasks, t => Assert.InRange(t.Options.Count, 2, 4));
        Assert.Null(plan.Normalize());
    }

    [Fact]
    public async Task An_underspecified_trip_gets_three_questions_and_a_quick_reply_answers_one()
    {
        var first = InquiryOfflineResponder.Questions(await OfflineReadings.ReadAsync(["Help me plan a trip"]));
        var reply = first.Questions[0].QuickReplies[0];

        var next = InquiryOfflineResponder.Questions(await OfflineReadings.ReadAsync(["Help me plan a trip", reply]));

        Assert.Equal(3, first.Questions.Count);
        Assert.DoesNotContain(next.Questions, q => q.Question == first.Questions[0].Question);
    }

    [Fact]
    public async Task A_well_specified_trip_gets_no_questions_and_an_unclear_request_is_asked_what_it_is()
    {
        var clear = InquiryOfflineResponder.Questions(await OfflineReadings.ReadAsync(["Plan a 5 day trip to Lisbon with my partner on a tight budget"]));
        var unclear = InquiryOfflineResponder.Questions(await OfflineReadings.ReadAsync(["asdf qwerty"]));

        Assert.Empty(clear.Questions);
        Assert.Equal("What kind of task is this?", Assert.Single(unclear.Questions).Question);
    }
}
