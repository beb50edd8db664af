using PersonaExplorer.Ai;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Features.Profiles.Versions;
using PersonaExplorer.Features.Profiles.Transfer;
using PersonaExplorer.Features.Profiles.Proposals;
using PersonaExplorer.Features.Profiles.Curator;
using PersonaExplorer.Features.Profiles.Steering;
using PersonaExplorer.Features.Profiles.Compare;
using PersonaExplorer.Features.Profiles.Drawer;

namespace PersonaExplorer.Features.Profiles;

public static class ProfilesExtensions
{
    public static IHostApplicationBuilder AddProfiles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProfileServices();
        return builder;
    }

    /// <summary>Profiles, versions, import/export, proposals and A/B compare (tests register them the same way).</summary>
    public static IServiceCollection AddProfileServices(this IServiceCollection services)
    {
        services.AddAiServices();
        services.AddOwnedStore<ProfileStore>();
        services.AddOwnedStore<ConceptStore>();
        services.AddOwnedStore<SteeringConcepts>();
        services.AddOwnedStore<ProfileVersions>();
        services.AddOwnedStore<ProfileImporter>();
        services.AddOwnedStore<ProposalService>();
        services.AddOwnedStore<ConceptUsageRecorder>();
        services.AddOfflineDemoModel();
        services.AddScoped<ProfileCurator>();
        services.AddSingleton<ProposalDeduper>();
        services.AddScoped<SteeringContextBuilder>();
        services.AddScoped<IAnswerCompletedHandler, RecordConceptUsageAfterAnswer>();
        services.AddScoped<IAnswerCompletedHandler, ProposeConceptsAfterAnswer>();
        services.AddScoped<ProfileTextBuilder>();
        services.AddScoped<SteeringCompare>();
        services.AddScoped<AbSource>();
        services.AddScoped<ProfileState>();
        services.AddScoped<ProfileDrawerState>();
        return services;
    }
}
