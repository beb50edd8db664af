namespace PersonaExplorer.Features.Profiles;

public static class ProfilesExtensions
{
    public static IHostApplicationBuilder AddProfiles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProfileStore>();
        builder.Services.AddSingleton<ProfileVersions>();
        builder.Services.AddSingleton<ProfileImporter>();
        builder.Services.AddScoped<ProfileState>();
        return builder;
    }
}
