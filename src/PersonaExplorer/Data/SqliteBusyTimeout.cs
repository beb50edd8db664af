using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PersonaExplorer.Data;

/// <summary>
/// Sets SQLite's own busy timeout on every opened connection. Without it, Microsoft.Data.Sqlite retries a locked
/// database in 150 ms steps, so a few concurrent writers (the panel agents saving at once) wait 150–450 ms for a lock
/// held for a millisecond; SQLite's busy handler retries within milliseconds instead.
/// Also turns on <c>secure_delete</c>: deleted rows (a person's deleted data) are overwritten, not left in free pages.
/// </summary>
public sealed class SqliteBusyTimeout(int milliseconds) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {milliseconds}; PRAGMA secure_delete = ON;";
        command.ExecuteNonQuery();
    }
}

public static class SqliteOptions
{
    /// <summary>The app's SQLite set-up: the connection string plus a real busy timeout (see <see cref="SqliteBusyTimeout"/>).</summary>
    public static DbContextOptionsBuilder UseAppSqlite(this DbContextOptionsBuilder options, string connectionString, int busyTimeoutSeconds = 30,
        string? historyTable = null) =>
        options.UseSqlite(connectionString, o =>
        {
            if (historyTable is not null) o.MigrationsHistoryTable(historyTable);
        }).AddInterceptors(new SqliteBusyTimeout(busyTimeoutSeconds * 1000));
}
