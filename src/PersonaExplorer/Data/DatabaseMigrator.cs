using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace PersonaExplorer.Data;

/// <summary>Applies every schema's committed migrations (the <c>migrate</c> command and the default start), or reports what is pending.</summary>
public sealed class DatabaseMigrator(IEnumerable<IDatabaseSchema> schemas, IOptions<DataOptions> options, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        var data = options.Value;
        if (data.Provider == DataProvider.Sqlite)
            await SqliteMigrationLock.ClearStaleAsync(data.ResolveConnectionString(), TimeSpan.FromSeconds(data.MigrationLockTimeoutSeconds), logger, ct);
        foreach (var schema in schemas)
        {
            var pending = await schema.PendingMigrationsAsync(ct);
            if (pending.Count > 0) logger.LogInformation("Applying {Count} migration(s) to the {Schema} schema: {Migrations}", pending.Count, schema.Name, string.Join(", ", pending));
            await schema.MigrateAsync(ct);
        }
    }

    /// <summary>"schema: migration" for every migration not yet applied; empty when the database is current.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct)
    {
        var all = new List<string>();
        foreach (var schema in schemas)
            all.AddRange((await schema.PendingMigrationsAsync(ct)).Select(m => $"{schema.Name}: {m}"));
        return all;
    }

    /// <summary>The log line (and exception text) of an instance that refuses to serve an outdated schema.</summary>
    public static string OutdatedMessage(IReadOnlyList<string> pending) =>
        $"The database schema is out of date ({pending.Count} pending migration(s): {string.Join(", ", pending)}) and Data:MigrateOnStart is false. " +
        "Run `dotnet PersonaExplorer.dll migrate` (same configuration) before starting instances; this instance will not serve an outdated schema.";
}

/// <summary>
/// EF Core (9+) on SQLite takes its migration lock by inserting a row into __EFMigrationsLock and polls, without end,
/// while that row exists. A start killed mid-migration leaves the row behind, so the next start would hang forever.
/// A lock still present after the timeout is taken to be stale and removed (with a warning).
/// </summary>
public static class SqliteMigrationLock
{
    public const string Table = "__EFMigrationsLock";

    public static async Task ClearStaleAsync(string connectionString, TimeSpan timeout, ILogger logger, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await IsHeldAsync(connection, ct))
        {
            if (waited.Elapsed >= timeout)
            {
                await using var delete = connection.CreateCommand();
                delete.CommandText = $"DELETE FROM \"{Table}\";";
                await delete.ExecuteNonQueryAsync(ct);
                logger.LogWarning("Removed a stale SQLite migration lock ({Table}) held for over {Seconds} s: an earlier start was probably killed while migrating.",
                    Table, (int)timeout.TotalSeconds);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    public static async Task<bool> IsHeldAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var exists = connection.CreateCommand();
        exists.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{Table}';";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct)) == 0) return false;
        await using var rows = connection.CreateCommand();
        rows.CommandText = $"SELECT COUNT(*) FROM \"{Table}\";";
        return Convert.ToInt64(await rows.ExecuteScalarAsync(ct)) > 0;
    }
}
