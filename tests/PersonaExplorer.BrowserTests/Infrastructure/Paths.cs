namespace PersonaExplorer.BrowserTests.Infrastructure;

/// <summary>Deterministic folders: the repository root and where screenshots go.</summary>
public static class Paths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>tests/PersonaExplorer.BrowserTests/bin/artifacts (override with env ARTIFACTS_DIR).</summary>
    public static string Artifacts { get; } = Path.GetFullPath(
        Environment.GetEnvironmentVariable("ARTIFACTS_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(RepoRoot, "tests", "PersonaExplorer.BrowserTests", "bin", "artifacts"));

    /// <summary>Committed documentation images, written only when UPDATE_DOCS_SCREENSHOTS=1.</summary>
    public static string DocsImages { get; } = Path.Combine(RepoRoot, "wwwroot", "docs");

    public static bool UpdateDocsScreenshots => Environment.GetEnvironmentVariable("UPDATE_DOCS_SCREENSHOTS") == "1";

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PersonaExplorer.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"PersonaExplorer.sln not found above {AppContext.BaseDirectory}.");
    }
}
