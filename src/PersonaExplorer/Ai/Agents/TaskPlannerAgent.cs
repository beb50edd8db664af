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
            .Select(t => t with
            {
                Keep = string.IsNullOrWhiteSpace(t.Keep) ? null : t.Keep.Trim(),
                Title = (t.Title ?? "").Trim(),
                Options = (t.Options ?? []).Select(o => o.Trim()).Where(o => o.Length > 0).Distinct().Take(4).ToList(),
            })
            .Where(t => t.Keep is not null || (t.Title.Length > 0 && t.Options.Count >= 2))
            .DistinctBy(t => t.Keep ?? t.Title.ToLowerInvariant())
            .Take(MaxSubTasks).ToList();
        return SubTasks.Count == 0 ? "expected at least one sub-task with 2 to 4 options" : null;
    }

    /// <summary>
    /// A kept sub-task takes its title and options from the one its id names, so the person's picks survive exactly;
    /// a kept id the prompt did not give counts as a new sub-task when it has its own title and options, else it is dropped.
    /// </summary>
    public IReadOnlyList<string> Resolve(PromptIds<KnownSubTask> current)
    {
        var unknown = new List<string>();
        SubTasks = SubTasks.Select(t =>
        {
            if (t.Keep is null) return t;
            if (current.TryResolve(t.Keep, out var known)) return t with { Title = known.Title, Options = [.. known.Options] };
            unknown.Add(t.Keep);
            return t with { Keep = null };
        }).Where(t => t.Title.Length > 0 && t.Options.Count >= 2).DistinctBy(t => t.Title.ToLowerInvariant()).ToList();
        return unknown;
    }
}

public sealed record PlannedSubTask
{
    [Description("The id (t1, t2…) of a sub-task in <current_subtasks> to keep as it is (then title and options may be empty); null for a new sub-task.")]
    public string? Keep { get; set; }
    [Description("Short name of the sub-task, at most 6 words.")]
    public string Title { get; set; } = "";
    [Description("2 to 4 short options, at most 6 words each.")]
    public List<string> Options { get; set; } = [];
}

/// <summary>ExploreLLM-style task breakdown: sub-tasks with options; picked options steer every later answer.</summary>
public sealed class TaskPlannerAgent(AgentRunner runner, ILogger<TaskPlannerAgent>? logger = null)
{
    public const string Instructions =
        """
        You are the task planner of an assistant for exploratory tasks. Break the user's task into 3 to 6 sub-tasks
        (the decisions the user has to make), each with 2 to 4 short, distinct options to pick from. To keep a sub-task
        of <current_subtasks> that still applies, give its id in keep (its name, options and the user's picks stay as
        they are); add or drop sub-tasks only when the task changed. Tailor the options to the user profile and needs.
        """;

    public static List<ChatMessage> BuildMessages(AgentInput input, AgentOptions options) =>
        AgentPrompt.Compose(Instructions,
            [AgentPrompt.Profile(input.Context), .. AgentPrompt.Needs(input, includeRejected: false), AgentPrompt.SubTasks(input)],
            input, options.ConversationWindow, options.MaxMessageChars,
            "Break the user's task into sub-tasks with options.");

    public async Task<AgentOutcome<TaskPlan>> RunAsync(AgentInput input, CancellationToken ct)
    {
        var outcome = await runner.RunAsync<TaskPlan>(AgentNames.Planner, BuildMessages(input, runner.Options), ct, runner.ClientFor(input.Context.Model));
        if (outcome.Result is { } plan) AgentPrompt.LogUnknownIds(logger, AgentNames.Planner, plan.Resolve(AgentPrompt.SubTaskIds(input)));
        return outcome;
    }
}
