using PersonaExplorer.Ai;

namespace PersonaExplorer.Features.Profiles;

public static class ProfilesExtensions
{
    public static IHostApplicationBuilder AddProfiles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProfileStore>();
        builder.Services.AddSingleton<ProfileVersions>();
        builder.Services.AddSingleton<ProfileImporter>();
        builder.Services.AddSingleton<ProposalService>();
        builder.Services.AddSingleton<ConceptUsageRecorder>();
        builder.Services.AddSingleton<IOfflineStructuredResponder, ProfileCuratorOfflineResponder>();
        builder.Services.AddScoped<ProfileCurator>();
        builder.Services.AddScoped<ProfileTextBuilder>();
        builder.Services.AddScoped<SteeringCompare>();
        builder.Services.AddScoped<AbSource>();
        builder.Services.AddScoped<ProfileState>();
        return builder;
    }
}
