using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PersonaExplorer.Features.Limits;

public static class LimitsExtensions
{
    public static IHostApplicationBuilder AddLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddLimitsServices();
        return builder;
    }

    /// <summary>The budgets and the token counter (idempotent; without <see cref="AddLimits"/> the defaults apply, as in test hosts).</summary>
    public static IServiceCollection AddLimitsServices(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(TokenCounter.Shared);
        services.TryAddSingleton<PersonBudgets>();
        services.TryAddScoped<ModelBudget>();
        return services;
    }
}
