namespace PersonaExplorer.Data;

/// <summary>
/// Command-line verbs run instead of the web server (same configuration as the app):
/// <c>migrate</c> applies pending migrations and exits; <c>copy-from-sqlite FILE</c> copies a SQLite database into the
/// configured (empty) PostgreSQL one and checks the row counts.
/// </summary>
public static class DataCommands
{
    public const string Migrate = "migrate";
    public const string CopyFromSqlite = "copy-from-sqlite";

    public static bool IsCommand(string[] args) => args is [Migrate, ..] or [CopyFromSqlite, ..];

    /// <summary>The arguments the web host should see: a command's own arguments are not configuration.</summary>
    public static string[] HostArgs(string[] args) => IsCommand(args) ? [.. args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal))] : args;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataCommands));
        try
        {
            switch (args)
            {
                case [Migrate, ..]:
                    await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
                    var pending = await services.GetRequiredService<DatabaseMigrator>().PendingAsync(ct);
                    logger.LogInformation("Database migrated; {Count} migration(s) pending.", pending.Count);
                    return pending.Count == 0 ? 0 : 1;
                case [CopyFromSqlite, var source, ..] when !source.StartsWith("--", StringComparison.Ordinal):
                    var report = await services.GetRequiredService<DatabaseCopier>().CopyFromSqliteAsync(source, ct);
                    Console.WriteLine(report.ToText());
                    return report.CountsEqual ? 0 : 1;
                default:
                    logger.LogError("Usage: PersonaExplorer migrate | PersonaExplorer copy-from-sqlite PATH_TO_personaexplorer.db (target: Data:Provider=PostgreSQL, Data:ConnectionString)");
                    return 2;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or DatabaseCopyException)
        {
            logger.LogError("{Message}", e.Message);
            return 1;
        }
    }
}
