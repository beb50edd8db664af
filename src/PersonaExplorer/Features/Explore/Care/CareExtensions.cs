using Microsoft.Extensions.DependencyInjection.Extensions;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Profiles.Steering;

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
        services.AddOwnedStore<NeedStore>();
        services.AddOwnedStore<SolutionStore>();
        services.AddOwnedStore<TaskBreakdownStore>();
        services.AddOwnedStore<TurnRecordStore>();

        services.TryAddScoped<CareState>();
        services.AddOwnedStore<AgentInputReader>();
        services.TryAddScoped<CareOrchestrator>();
        services.TryAddScoped<CareActions>();
        services.TryAddScoped<CareTurns>();
        services.TryAddScoped<ITurnCallRecorder, CareCallRecorder>();
        services.AddOwnedStore<CareSteering>();
        services.TryAddScoped<IWorkspaceSteering>(sp => sp.GetRequiredService<CareSteering>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAnswerCompletedHandler, RecordTraceAfterAnswer>());
        return services;
    }
}
