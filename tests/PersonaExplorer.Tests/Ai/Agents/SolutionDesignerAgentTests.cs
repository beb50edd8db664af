using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using static PersonaExplorer.Tests.Ai.Agents.AgentTestData;
using PersonaExplorer.Ai.Offline;

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
}
