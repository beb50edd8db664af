using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Ai.Agents;

[Description("The user's task broken into sub-tasks, each with 2 to 4 options to pick from.")]
public sealed record TaskPlan : IAgentResult
{
    public const int MaxSubTasks = 6;

    public List<PlannedSubTask> SubTasks { get; set; } = [];

    public string? Normalize()
    {
        SubTasks = SubTasks
            .Where(t => !string.IsNullOrWhiteSpace(t.Title))
            .Select(t => t with { Title = t.Title.Trim(), Options = t.Options.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct().Take(4).ToList() })
            .Where(t => t.Options.Count >= 2)
            .DistinctBy(t => t.Title.ToLowerInvariant())
            .Take(MaxSubTasks).ToList();
        return SubTasks.Count == 0 ? "expected at least one sub-task with 2 to 4 options" : null;
    }
}

public sealed record PlannedSubTask
{
    [Description("Short name of the sub-task, at most 6 words.")]
    public string Title { get; set; } = "";
    [Description("2 to 4 short options, at most 6 words each.")]
    public List<string> Options { get; set; } = [];
}

/// <summary>ExploreLLM-style task breakdown: sub-tasks with options; picked options steer every later answer.</summary>
public sealed class TaskPlannerAgent(AgentRunner runner)
{
    public const string Instructions =
        """
        You are the task planner of an assistant for exploratory tasks. Break the user's task into 3 to 6 sub-tasks
        (the decisions the user has to make), each with 2 to 4 short, distinct options to pick from. Keep the sub-tasks
        in <current_subtasks> that still apply, with their names and options unchanged, so the user's picks survive;
        add or drop sub-tasks only when the task changed. Tailor the options to the user profile and needs.
        """;

    public static List<ChatMessage> BuildMessages(AgentInput input, AgentOptions options) =>
        AgentPrompt.Compose(Instructions,
            [AgentPrompt.Profile(input.Context), .. AgentPrompt.Needs(input, includeRejected: false), AgentPrompt.SubTasks(input)],
            input, options.ConversationWindow, options.MaxMessageChars,
            "Break the user's task into sub-tasks with options.");

    public Task<AgentOutcome<TaskPlan>> RunAsync(AgentInput input, CancellationToken ct) =>
        runner.RunAsync<TaskPlan>(AgentNames.Planner, BuildMessages(input, runner.Options), ct, runner.ClientFor(input.Context.Model));
}
