using PersonaExplorer.Ai;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Components.Markdown;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Features.Explore.WhyThis;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Features.Limits;

namespace PersonaExplorer.Features.Explore;

public static class ExploreExtensions
{
    public static IHostApplicationBuilder AddExplore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExploreOptions>().BindConfiguration(ExploreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddExploreServices();
        return builder;
    }

    /// <summary>The workspace's services without their options (tests supply options of their own).</summary>
    public static IServiceCollection AddExploreServices(this IServiceCollection services)
    {
        services.AddAiServices();
        services.AddLimitsServices();
        services.AddOwnedStore<SessionStore>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<RenderedAnswers>();
        services.AddScoped<WorkspaceFeatures>();
        services.AddScoped<ChatAnswerer>();
        services.AddScoped<Conversation>();
        services.AddScoped<LiveSteering>();
        services.AddScoped<SendCheck>();
        services.AddScoped<ExploreState>();
        services.AddCare();
        services.AddSingleton<AttributionAgent>();
        services.AddOfflineDemoModel();
        services.AddOwnedStore<WhyThisService>();
        return services;
    }
}
