using System.Text.RegularExpressions;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests;

/// <summary>The shape of the source tree (issue #9): files small enough to read at once, namespaces a reader can guess from the folder.</summary>
public partial class SourceTreeTests
{
    private const int MaxLines = 250;

    /// <summary>Long because they list things, not because they do much: over the limit on purpose.</summary>
    private static readonly string[] PlainData =
    [
        "Ai/Offline/OfflineCatalogue.Tasks.cs", // the offline model's task catalogue: options and their tags
        "Data/StudyEntities.cs", // the study's entities: properties only
    ];

    private static readonly string Src = Repo.File("src", "PersonaExplorer");

    [Fact]
    public void No_source_file_is_over_250_lines_except_migrations_and_plain_data()
    {
        var tooLong = SourceFiles("*.cs", "*.razor")
            .Where(f => !PlainData.Contains(f.Relative))
            .Select(f => (f.Relative, Lines: File.ReadAllLines(f.Path).Length))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.Relative} ({f.Lines} lines)").ToList();
        Assert.True(tooLong.Count == 0, $"Over {MaxLines} lines: {string.Join(", ", tooLong)}");
    }

    [Fact]
    public void The_plain_data_allowed_to_be_long_still_exists() =>
        Assert.All(PlainData, f => Assert.True(File.Exists(Path.Combine(Src, f)), $"{f} is allowed to be long but does not exist: drop it from the list"));

    [Fact]
    public void Every_namespace_follows_its_folder()
    {
        var wrong = SourceFiles("*.cs")
            .Select(f => (f.Relative, Declared: DeclaredNamespace().Match(File.ReadAllText(f.Path)) is { Success: true } m ? m.Groups[1].Value : null,
                Expected: string.Join('.', ["PersonaExplorer", .. Path.GetDirectoryName(f.Relative)!.Split('/', StringSplitOptions.RemoveEmptyEntries)])))
            .Where(f => f.Declared is not null && f.Declared != f.Expected)
            .Select(f => $"{f.Relative}: {f.Declared} (folder says {f.Expected})").ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void The_chat_orchestration_class_is_at_most_200_lines_with_at_most_8_dependencies()
    {
        var lines = File.ReadAllLines(Path.Combine(Src, "Features", "Explore", "ExploreState.cs")).Length;
        var dependencies = typeof(ExploreState).GetConstructors().Single().GetParameters().Length;
        Assert.True(lines <= 200, $"ExploreState.cs has {lines} lines");
        Assert.True(dependencies <= 8, $"ExploreState takes {dependencies} dependencies");
    }

    /// <summary>Source files of the app, without build output and generated migrations; paths relative to src/PersonaExplorer with '/'.</summary>
    private static IEnumerable<(string Path, string Relative)> SourceFiles(params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Src, p, SearchOption.AllDirectories))
            .Select(p => (Path: p, Relative: System.IO.Path.GetRelativePath(Src, p).Replace('\\', '/')))
            .Where(f => !f.Relative.StartsWith("bin/") && !f.Relative.StartsWith("obj/") && !f.Relative.Split('/').Contains("Migrations"));

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex DeclaredNamespace();
}
