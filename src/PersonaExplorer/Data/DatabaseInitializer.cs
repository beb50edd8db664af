using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Data;

/// <summary>Applies the committed migrations at start-up, switches SQLite to WAL, and seeds a first profile.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<PersonaDbContext> factory, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);

        if (!await db.Profiles.AnyAsync(ct))
        {
            db.Profiles.Add(new Profile { Name = "My profile", IsActive = true });
            await db.SaveChangesAsync(ct);
        }
        logger.LogInformation("Database ready at {DataSource}", db.Database.GetDbConnection().DataSource);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
