using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Ai.Structured;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Study.Simulation;
using PersonaExplorer.SteeringEval;
using PersonaExplorer.Features.Profiles.Curator;

namespace PersonaExplorer.Tests.Ai.Structured;

/// <summary>Every structured result type the app (and the evaluation's judge) asks a model for.</summary>
public static class StructuredTypes
{
    public sealed record Entry(string Name, Func<AgentRunner, IReadOnlyList<ChatMessage>, CancellationToken, Task<bool>> Run, System.Text.Json.JsonElement Schema);

    private static Entry Of<T>() where T : class, IAgentResult =>
        new(typeof(T).Name, async (runner, messages, ct) => (await runner.RunAsync<T>(typeof(T).Name, messages, ct)).Succeeded, StructuredSchema<T>.Schema);

    public static IReadOnlyList<Entry> All { get; } =
    [
        Of<InquiryResult>(), Of<NeedsAnalysis>(), Of<SolutionDesign>(), Of<RankingResult>(), Of<TaskPlan>(), Of<AttributionResult>(),
        Of<CuratorResult>(), Of<TextConceptsResult>(), Of<SimulatedTurn>(), Of<SimulatedQuestionnaire>(), Of<JudgeVerdict>(),
    ];

    public static TheoryData<string> Names() => new(All.Select(e => e.Name));

    public static Entry Named(string name) => All.Single(e => e.Name == name);
}
