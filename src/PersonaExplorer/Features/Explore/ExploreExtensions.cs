using PersonaExplorer.Features.Explore.Care;

namespace PersonaExplorer.Features.Explore;

public static class ExploreExtensions
{
    public static IHostApplicationBuilder AddExplore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExploreOptions>().BindConfiguration(ExploreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<AnswerStreamer>();
        builder.Services.AddScoped<ExploreState>();
        builder.AddCare();
        return builder;
    }
}
