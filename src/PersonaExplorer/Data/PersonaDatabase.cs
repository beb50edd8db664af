using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Data;

/// <summary>The one place that turns a provider and a connection string into EF Core options and contexts.</summary>
public static class PersonaDatabase
{
    public static DbContextOptionsBuilder UsePersonaDatabase(this DbContextOptionsBuilder options, DataProvider provider, string connectionString,
        int busyTimeoutSeconds = 30, string? historyTable = null) => provider switch
    {
        DataProvider.Sqlite => options.UseAppSqlite(connectionString, busyTimeoutSeconds, historyTable),
        DataProvider.PostgreSQL => options.UseNpgsql(connectionString, o =>
        {
            if (historyTable is not null) o.MigrationsHistoryTable(historyTable);
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static DbContextOptionsBuilder<T> UsePersonaDatabase<T>(this DbContextOptionsBuilder<T> options, DataProvider provider, string connectionString,
        int busyTimeoutSeconds = 30, string? historyTable = null) where T : DbContext =>
        (DbContextOptionsBuilder<T>)UsePersonaDatabase((DbContextOptionsBuilder)options, provider, connectionString, busyTimeoutSeconds, historyTable);

    /// <summary>The context factory services use: contexts of the provider's own subclass, so its migrations apply.</summary>
    /// <param name="configure">More options (tests add interceptors here).</param>
    public static IDbContextFactory<PersonaDbContext> CreateFactory(DataProvider provider, string connectionString, int busyTimeoutSeconds = 30,
        Action<DbContextOptionsBuilder<PersonaDbContext>>? configure = null)
    {
        var options = new DbContextOptionsBuilder<PersonaDbContext>().UsePersonaDatabase(provider, connectionString, busyTimeoutSeconds);
        configure?.Invoke(options);
        return new PersonaDbContextFactory(provider, options.Options);
    }

    /// <summary>Registers <c>IDbContextFactory&lt;PersonaDbContext&gt;</c> for a provider (the app uses <see cref="DataExtensions.AddData"/>; tests and tools use this).</summary>
    public static IServiceCollection AddPersonaDatabase(this IServiceCollection services, DataProvider provider, string connectionString, int busyTimeoutSeconds = 30) =>
        services.AddSingleton(CreateFactory(provider, connectionString, busyTimeoutSeconds));

    private sealed class PersonaDbContextFactory(DataProvider provider, DbContextOptions<PersonaDbContext> options) : IDbContextFactory<PersonaDbContext>
    {
        public PersonaDbContext CreateDbContext() => provider switch
        {
            DataProvider.PostgreSQL => new PostgreSqlPersonaDbContext(options),
            _ => new SqlitePersonaDbContext(options),
        };
    }
}
