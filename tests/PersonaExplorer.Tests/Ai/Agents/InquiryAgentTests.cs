using PersonaExplorer.Ai.Agents;
using static PersonaExplorer.Tests.Ai.Agents.AgentTestData;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.Ai.Agents;

public class InquiryAgentTests
{
    [Fact]
    public void The_prompt_fences_the_profile_confirmed_needs_and_conversation_as_data()
    {
        var messages = InquiryAgent.BuildMessages(Input("Plan a trip for me"), Options);

        AssertProfileIsFenced(messages);
        AssertConversationIsFenced(messages, "Plan a trip for me");
        Assert.Contains("Stay within a budget", PersonaExplorer.Ai.ChatPrompt.ReadConfirmedNeeds(SystemText(messages)));
        Assert.Contains("at most 3", SystemText(messages));
    }

    [Fact]
    public void Only_the_newest_messages_of_a_long_conversation_are_sent()
    {
        var many = Enumerable.Range(0, 40).Select(i => $"message {i}").ToArray();

        var messages = InquiryAgent.BuildMessages(Input(many), new AgentOptions { ConversationWindow = 6 });

        Assert.Equal(many[^6..], AgentPrompt.ReadConversation(UserText(messages)).Select(m => m.Text));
    }

    [Fact]
    public void A_typical_model_reply_is_parsed_and_capped_at_three_questions()
    {
        var json = """{"questions":[{"question":"Budget?","quickReplies":["Low","High"]},{"question":"When?","quickReplies":["May"]},{"question":"Who?","quickReplies":[]},{"question":"Why?","quickReplies":[]}]}""";

        var (result, error) = AgentRunner.Parse<InquiryResult>(json);

        Assert.Null(error);
        Assert.Equal(["Budget?", "When?", "Who?"], result!.Questions.Select(q => q.Question));
    }
}
