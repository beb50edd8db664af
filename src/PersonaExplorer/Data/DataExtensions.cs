using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonaExplorer.Data.Changes;

namespace PersonaExplorer.Data;

public static class DataExtensions
{
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section)
            .PostConfigure<IConfiguration>((o, config) =>
            {
                if (string.IsNullOrWhiteSpace(o.ConnectionString)) o.ConnectionString = config.GetConnectionString("PersonaExplorer");
            })
            .ValidateDataAnnotations().ValidateOnStart();
        // A factory, not a scoped context: Blazor circuits live long and run work concurrently.
        builder.Services.AddSingleton(sp =>
        {
            var data = sp.GetRequiredService<IOptions<DataOptions>>().Value;
            return PersonaDatabase.CreateFactory(data.Provider, data.ResolveConnectionString(), data.BusyTimeoutSeconds);
        });
        builder.Services.AddSingleton<IDatabaseSchema, PersonaSchema>();
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddSingleton<DatabaseCopier>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EventLog>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [DatabaseReadyCheck.Tag]);
        builder.AddChangeFeed();
        return builder;
    }

    /// <summary>/healthz: the process answers. /healthz/ready: the database is reachable and its schema current.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", new() { Predicate = c => c.Tags.Contains(DatabaseReadyCheck.Tag) }).AllowAnonymous();
        return app;
    }
}
