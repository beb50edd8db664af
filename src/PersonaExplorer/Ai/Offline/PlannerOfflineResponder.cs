using System.Text.Json;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;

namespace PersonaExplorer.Ai.Offline;

/// <summary>Offline demo: the task family's breakdown (generic when the demo model is not sure of the task).</summary>
public sealed class PlannerOfflineResponder : IOfflineStructuredResponder
{
    public bool CanAnswer(ChatResponseFormatJson format) => OfflineRules.Matches<TaskPlan>(format);

    /// <summary>Like a real model: a planned sub-task the session already has (same title) is kept by its id.</summary>
    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format, OfflineReading reading)
    {
        var current = PromptFence.Read(AgentPrompt.AllText(messages), AgentPrompt.SubTasksBlock)
            .Where(i => i.Attributes.ContainsKey("id"))
            .Select(i => (Title: i.Text.Split(": ", 2)[0], Id: i.Attributes["id"]))
            .DistinctBy(t => t.Title, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(t => t.Title, t => t.Id, StringComparer.OrdinalIgnoreCase);
        var plan = Plan(reading.FamilyOrGeneral);
        plan.SubTasks = plan.SubTasks.Select(t => current.TryGetValue(t.Title, out var id) ? new PlannedSubTask { Keep = id } : t).ToList();
        return AgentJson.ToElement(plan);
    }

    public static TaskPlan Plan(TaskFamily family) => new()
    {
        SubTasks = family.Breakdown.Select(t => new PlannedSubTask { Title = t.SubTask, Options = [.. t.Options] }).ToList(),
    };
}
