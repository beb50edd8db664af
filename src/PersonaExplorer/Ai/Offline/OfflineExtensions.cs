using Microsoft.Extensions.DependencyInjection.Extensions;
using PersonaExplorer.Ai.Embeddings;

namespace PersonaExplorer.Ai.Offline;

public static class OfflineExtensions
{
    /// <summary>
    /// The offline demo model's structured-output responders and the local sentence model it reads with. Idempotent,
    /// so the features that need the demo model's answers in their own test hosts can call it too.
    /// </summary>
    public static IServiceCollection AddOfflineDemoModel(this IServiceCollection services)
    {
        services.TryAddSingleton<ITextEmbedder, MiniLmTextEmbedder>();
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<IOfflineStructuredResponder, InquiryOfflineResponder>(),
            ServiceDescriptor.Singleton<IOfflineStructuredResponder, NeedsOfflineResponder>(),
            ServiceDescriptor.Singleton<IOfflineStructuredResponder, SolutionsOfflineResponder>(),
            ServiceDescriptor.Singleton<IOfflineStructuredResponder, RankerOfflineResponder>(),
            ServiceDescriptor.Singleton<IOfflineStructuredResponder, PlannerOfflineResponder>(),
            ServiceDescriptor.Singleton<IOfflineStructuredResponder, AttributionOfflineResponder>(),
            ServiceDescriptor.Singleton<IOfflineStructuredResponder, ProfileCuratorOfflineResponder>(),
            ServiceDescriptor.Singleton<IOfflineStructuredResponder, OfflineSimulatorResponder>(),
        ]);
        return services;
    }
}
