using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace PersonaExplorer.Features.Explore;

public enum DiffKind { Same, Added, Removed }

public sealed record DiffSegment(DiffKind Kind, string Text);

/// <summary>Word-level before/after diff (DiffPlex), merged into runs so the UI renders few spans.</summary>
public static class WordDiff
{
    /// <summary>Diff of two markdown answers as the person reads them (markup stripped).</summary>
    public static IReadOnlyList<DiffSegment> ComputeMarkdown(string before, string after) =>
        Compute(Markdig.Markdown.ToPlainText(before ?? ""), Markdig.Markdown.ToPlainText(after ?? ""));

    public static IReadOnlyList<DiffSegment> Compute(string before, string after)
    {
        var model = InlineDiffBuilder.Diff(before ?? "", after ?? "", ignoreWhiteSpace: false, ignoreCase: false, chunker: WordChunker.Instance);
        var segments = new List<DiffSegment>();
        foreach (var piece in model.Lines)
        {
            var kind = piece.Type switch
            {
                ChangeType.Inserted => DiffKind.Added,
                ChangeType.Deleted => DiffKind.Removed,
                _ => DiffKind.Same,
            };
            var text = piece.Text ?? "";
            if (segments.Count > 0 && segments[^1].Kind == kind)
                segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
            else
                segments.Add(new DiffSegment(kind, text));
        }
        return segments;
    }

    public static (int Added, int Removed) CountWords(IEnumerable<DiffSegment> diff) =>
        diff.Aggregate((0, 0), (n, s) => s.Kind switch
        {
            DiffKind.Added => (n.Item1 + Words(s.Text), n.Item2),
            DiffKind.Removed => (n.Item1, n.Item2 + Words(s.Text)),
            _ => n,
        });

    private static int Words(string s) => s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
