using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace PersonaExplorer.Data;

/// <summary>
/// At start: applies the committed migrations (Data:MigrateOnStart, the default) or refuses an outdated schema,
/// and switches SQLite to WAL.
/// </summary>
public sealed class DatabaseInitializer(IDbContextFactory<PersonaDbContext> factory, DatabaseMigrator migrator, IOptions<DataOptions> options,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (options.Value.MigrateOnStart)
            await migrator.MigrateAsync(ct);
        else if (await migrator.PendingAsync(ct) is { Count: > 0 } pending)
        {
            var message = DatabaseMigrator.OutdatedMessage(pending);
            logger.LogCritical("{Message}", message);
            throw new InvalidOperationException(message);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);

        // No seeded profile: each person gets their own "My profile" on first use (ProfileStore.GetActiveAsync).
        logger.LogInformation("Database ready ({Provider}) at {DataSource}", options.Value.Provider, db.Database.GetDbConnection().DataSource);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
