using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;
using static PersonaExplorer.Tests.Ai.Agents.AgentTestData;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.Ai.Agents;

public class NeedsAnalystAgentTests
{
    [Fact]
    public void The_prompt_fences_the_profile_and_every_known_need_by_status()
    {
        var messages = NeedsAnalystAgent.BuildMessages(Input("Plan a trip with my kids"), Options);
        var system = SystemText(messages);

        AssertProfileIsFenced(messages);
        AssertConversationIsFenced(messages, "Plan a trip with my kids");
        Assert.Equal(["Stay within a budget"], ChatPrompt.ReadConfirmedNeeds(system));
        Assert.Equal(["Child-friendly activities"], PromptFence.Read(system, AgentPrompt.ProposedNeedsBlock).Select(i => i.Text));
        var rejected = Assert.Single(PromptFence.Read(system, AgentPrompt.RejectedNeedsBlock));
        Assert.Equal("Nightlife and bars", rejected.Text);
        Assert.Equal("implicit", rejected.Attributes["kind"]);
    }

    [Fact]
    public void A_model_reply_with_kinds_as_strings_is_parsed_and_clamped()
    {
        var json = """{"needs":[{"statement":"Quiet hotel","kind":"implicit","evidence":"I sleep badly","confidence":1.7,"priority":9},{"statement":" ","kind":"explicit"}]}""";

        var (result, error) = AgentRunner.Parse<NeedsAnalysis>(json);

        Assert.Null(error);
        var need = Assert.Single(result!.Needs);
        Assert.Equal(NeedKind.Implicit, need.Kind);
        Assert.Equal(1, need.Confidence);
        Assert.Equal(5, need.Priority);
    }
}
