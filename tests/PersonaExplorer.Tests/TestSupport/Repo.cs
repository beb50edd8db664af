namespace PersonaExplorer.Tests.TestSupport;

/// <summary>Files of the repository this test build comes from (found by walking up to PersonaExplorer.sln).</summary>
internal static class Repo
{
    private static readonly string Root = Find();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "PersonaExplorer.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"PersonaExplorer.sln not found above {AppContext.BaseDirectory}");
    }
}
