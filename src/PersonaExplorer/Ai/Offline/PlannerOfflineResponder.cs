using System.Text.Json;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;

namespace PersonaExplorer.Ai.Offline;

/// <summary>Offline demo: the task family's breakdown (generic when the demo model is not sure of the task).</summary>
public sealed class PlannerOfflineResponder : IOfflineStructuredResponder
{
    public bool CanAnswer(ChatResponseFormatJson format) => OfflineRules.Matches<TaskPlan>(format);

    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format, OfflineReading reading) =>
        AgentJson.ToElement(Plan(reading.FamilyOrGeneral));

    public static TaskPlan Plan(TaskFamily family) => new()
    {
        SubTasks = family.Breakdown.Select(t => new PlannedSubTask { Title = t.SubTask, Options = [.. t.Options] }).ToList(),
    };
}
