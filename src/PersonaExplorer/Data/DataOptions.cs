using System.ComponentModel.DataAnnotations;

namespace PersonaExplorer.Data;

public enum DataProvider { Sqlite, PostgreSQL }

public sealed class DataOptions : IValidatableObject
{
    public const string Section = "Data";

    /// <summary>Sqlite (default: one file, one machine) or PostgreSQL (a server; several instances).</summary>
    public DataProvider Provider { get; set; } = DataProvider.Sqlite;

    /// <summary>Folder holding the SQLite database. Empty = the user's local app-data folder (see README).</summary>
    public string? Directory { get; set; }

    /// <summary>Full connection string; overrides <see cref="Directory"/> for SQLite, required for PostgreSQL.
    /// <c>ConnectionStrings:PersonaExplorer</c> is used when this is empty.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a write waits for a lock held by another writer before failing (SQLite).</summary>
    [Range(1, 300)]
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>Apply pending migrations at start (single machine). Instances behind a load balancer set it to
    /// false and the deployment runs the <c>migrate</c> command first; such an instance refuses an outdated schema.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>A SQLite migration lock still held after this long is taken to be left by a killed start and removed.</summary>
    [Range(1, 3600)]
    public int MigrationLockTimeoutSeconds { get; set; } = 60;

    public string ResolveDirectory() =>
        string.IsNullOrWhiteSpace(Directory)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "PersonaExplorer")
            : Path.GetFullPath(Directory);

    public string ResolveConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString)) return ConnectionString;
        if (Provider != DataProvider.Sqlite)
            throw new InvalidOperationException("Data:Provider=PostgreSQL needs Data:ConnectionString or ConnectionStrings:PersonaExplorer.");
        var dir = ResolveDirectory();
        System.IO.Directory.CreateDirectory(dir);
        // "Default Timeout" is Microsoft.Data.Sqlite's busy timeout: it retries SQLITE_BUSY until it elapses.
        return $"Data Source={Path.Combine(dir, "personaexplorer.db")};Default Timeout={BusyTimeoutSeconds};Pooling=True";
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == DataProvider.PostgreSQL && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult(
                "Data:Provider=PostgreSQL needs a connection string: set Data:ConnectionString or ConnectionStrings:PersonaExplorer " +
                "(e.g. \"Host=db;Database=personaexplorer;Username=pe;Password=…\").", [nameof(ConnectionString)]);
    }
}
