namespace PersonaExplorer.Features.Explore;

public static class ExploreExtensions
{
    public static IHostApplicationBuilder AddExplore(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
