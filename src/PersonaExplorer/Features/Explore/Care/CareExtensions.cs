using Microsoft.Extensions.DependencyInjection.Extensions;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Features.Explore.Care;

public static class CareExtensions
{
    /// <summary>The CARE-style multi-agent turn: agents, their offline demo answers, the MiniLM embedder, stores and panel state.</summary>
    public static IHostApplicationBuilder AddCare(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCare();
        return builder;
    }

    public static IServiceCollection AddCare(this IServiceCollection services)
    {
        services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<ITextEmbedder, MiniLmTextEmbedder>();
        services.TryAddSingleton<AgentRunner>();
        services.TryAddSingleton<InquiryAgent>();
        services.TryAddSingleton<NeedsAnalystAgent>();
        services.TryAddSingleton<SolutionDesignerAgent>();
        services.TryAddSingleton<RankerAgent>();
        services.TryAddSingleton<LocalRanker>();
        services.TryAddSingleton<TaskPlannerAgent>();
        services.AddOfflineDemoModel();

        services.TryAddSingleton<NeedMerger>();
        services.TryAddSingleton<NeedStore>();
        services.TryAddSingleton<SolutionStore>();
        services.TryAddSingleton<TaskBreakdownStore>();
        services.TryAddSingleton<TurnRecordStore>();

        services.TryAddScoped<CareState>();
        services.TryAddScoped<CareOrchestrator>();
        services.TryAddScoped<CareActions>();
        services.TryAddScoped<CareTurns>();
        services.TryAddScoped<IWorkspaceSteering, CareSteering>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAnswerCompletedHandler, RecordTraceAfterAnswer>());
        return services;
    }
}
