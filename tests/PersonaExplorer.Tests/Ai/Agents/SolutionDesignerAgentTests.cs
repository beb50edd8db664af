using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using static PersonaExplorer.Tests.Ai.Agents.AgentTestData;

namespace PersonaExplorer.Tests.Ai.Agents;

public class SolutionDesignerAgentTests
{
    [Fact]
    public void The_prompt_fences_profile_needs_picked_options_pinned_and_discarded_cards()
    {
        var messages = SolutionDesignerAgent.BuildMessages(Input("Plan a trip"), Options);
        var system = SystemText(messages);

        AssertProfileIsFenced(messages);
        Assert.Equal(["Stay within a budget"], ChatPrompt.ReadConfirmedNeeds(system));
        Assert.Equal([new PickedOption("Pace", "Relaxed")], ChatPrompt.ReadPickedOptions(system));
        Assert.Equal([new PinnedCard("Relaxed city break", "Short distances, **few** highlights.")], ChatPrompt.ReadPinnedCards(system));
        Assert.Equal(["Cruise holiday"], PromptFence.Read(system, AgentPrompt.DiscardedBlock).Select(i => i.Text));
        Assert.Empty(PromptFence.Read(system, AgentPrompt.RejectedNeedsBlock));
    }

    [Fact]
    public void A_reply_with_more_than_four_solutions_keeps_the_first_four()
    {
        var json = "{\"solutions\":[" + string.Join(",", Enumerable.Range(1, 6).Select(i => $"{{\"title\":\"S{i}\"}}")) + "]}";

        var (result, error) = AgentRunner.Parse<SolutionDesign>(json);

        Assert.Null(error);
        Assert.Equal(["S1", "S2", "S3", "S4"], result!.Solutions.Select(s => s.Title));
    }

    [Fact]
    public void Offline_cards_say_which_needs_they_meet_and_which_concepts_shaped_them()
    {
        var concepts = new List<PromptConcept> { new("prefers vegetarian food", "diet", 0.8), new("dislikes long flights", "travel", -0.5) };

        var design = SolutionsOfflineResponder.Design(["Plan a weekend trip"], ["Keep the cost low", "Child-friendly activities"], concepts, new HashSet<string>());

        Assert.InRange(design.Solutions.Count, 2, 4);
        Assert.All(design.Solutions, s =>
        {
            Assert.Contains("prefers vegetarian food", s.ConceptsUsed);
            Assert.Contains("*dislikes long flights*", s.Summary);
            Assert.Equal(2, s.MeetsNeeds.Count + s.UnmetNeeds.Count);
        });
        Assert.Contains(design.Solutions, s => s.MeetsNeeds.Any(m => m.Need == "Keep the cost low") && s.Title.Contains("Budget"));
    }

    [Fact]
    public void Offline_a_discarded_card_is_not_proposed_again()
    {
        var design = SolutionsOfflineResponder.Design(["Plan a trip"], [], [], new HashSet<string> { "Relaxed city break" });

        Assert.DoesNotContain(design.Solutions, s => s.Title == "Relaxed city break");
    }
}
