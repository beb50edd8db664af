using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace PersonaExplorer.Data;

public static class DataExtensions
{
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // A factory, not a scoped context: Blazor circuits live long and run work concurrently.
        builder.Services.AddDbContextFactory<PersonaDbContext>((sp, options) =>
        {
            var data = sp.GetRequiredService<IOptions<DataOptions>>().Value;
            options.UseAppSqlite(data.ResolveConnectionString(), data.BusyTimeoutSeconds);
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EventLog>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
