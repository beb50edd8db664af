namespace PersonaExplorer.Features.Profiles;

public static class ProfilesExtensions
{
    public static IHostApplicationBuilder AddProfiles(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
