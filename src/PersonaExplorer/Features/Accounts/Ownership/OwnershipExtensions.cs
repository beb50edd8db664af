using Microsoft.Extensions.DependencyInjection.Extensions;
using PersonaExplorer.Features.Accounts.YourData;

namespace PersonaExplorer.Features.Accounts.Ownership;

public static class OwnershipExtensions
{
    /// <summary>Who the current person is (scoped) and the contexts that see only their rows.</summary>
    public static IServiceCollection AddCurrentPerson(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddScoped<CurrentPerson>();
        services.TryAddScoped<OwnedDatabase>();
        return services;
    }

    /// <summary>A store that works on the current person's rows only: scoped, built on <see cref="OwnedDatabase"/>.</summary>
    public static IServiceCollection AddOwnedStore<T>(this IServiceCollection services) where T : class
    {
        services.AddCurrentPerson();
        services.TryAdd(ServiceDescriptor.Scoped(typeof(T), sp => ActivatorUtilities.CreateInstance<T>(sp, sp.GetRequiredService<OwnedDatabase>())));
        return services;
    }

    /// <summary>Ownership: the real <see cref="IUnownedData"/> and the personal-data export and deletion.</summary>
    public static IHostApplicationBuilder AddOwnership(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCurrentPerson();
        services.RemoveAll<IUnownedData>();
        services.AddSingleton<IUnownedData, UnownedData>();
        services.AddSingleton<YourData.PersonalData>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOwnership(this IEndpointRouteBuilder app) => app.MapYourData();
}
