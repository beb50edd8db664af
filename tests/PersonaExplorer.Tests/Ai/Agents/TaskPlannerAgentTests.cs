using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using static PersonaExplorer.Tests.Ai.Agents.AgentTestData;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.Ai.Agents;

public class TaskPlannerAgentTests
{
    [Fact]
    public void The_prompt_fences_the_current_subtasks_with_what_was_picked()
    {
        var messages = TaskPlannerAgent.BuildMessages(Input("Plan a trip"), Options);

        AssertProfileIsFenced(messages);
        var current = Assert.Single(PromptFence.Read(SystemText(messages), AgentPrompt.SubTasksBlock));
        Assert.Equal("Pace: Relaxed | Packed (picked: Relaxed)", current.Text);
    }

    [Fact]
    public void Sub_tasks_with_fewer_than_two_options_are_dropped_and_options_capped_at_four()
    {
        var (result, error) = AgentRunner.Parse<TaskPlan>("""{"subTasks":[{"title":"A","options":["1"]},{"title":"B","options":["1","2","3","4","5"]}]}""");

        Assert.Null(error);
        var task = Assert.Single(result!.SubTasks);
        Assert.Equal(4, task.Options.Count);
    }
}
