using System.ComponentModel.DataAnnotations;

namespace PersonaExplorer.Data;

public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>Folder holding the SQLite database. Empty = the user's local app-data folder (see README).</summary>
    public string? Directory { get; set; }

    /// <summary>Full SQLite connection string; overrides <see cref="Directory"/> when set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a write waits for a lock held by another writer before failing.</summary>
    [Range(1, 300)]
    public int BusyTimeoutSeconds { get; set; } = 30;

    public string ResolveDirectory() =>
        string.IsNullOrWhiteSpace(Directory)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "PersonaExplorer")
            : Path.GetFullPath(Directory);

    public string ResolveConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString)) return ConnectionString;
        var dir = ResolveDirectory();
        System.IO.Directory.CreateDirectory(dir);
        // "Default Timeout" is Microsoft.Data.Sqlite's busy timeout: it retries SQLITE_BUSY until it elapses.
        return $"Data Source={Path.Combine(dir, "personaexplorer.db")};Default Timeout={BusyTimeoutSeconds};Pooling=True";
    }
}
