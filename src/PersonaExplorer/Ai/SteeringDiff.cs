using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace PersonaExplorer.Ai;

public enum DiffKind { Same, Added, Removed }

/// <summary>One run of words in a word-level diff.</summary>
public sealed record DiffSegment(string Text, DiffKind Kind);

/// <summary>Word-level diffs (DiffPlex) of concept texts and of two answers.</summary>
public static partial class SteeringDiff
{
    /// <summary>Words, whitespace runs and punctuation marks as separate pieces, so the concatenation is exactly the text.</summary>
    private sealed class WordAndSpaceChunker : IChunker
    {
        public static readonly WordAndSpaceChunker Instance = new();
        public IReadOnlyList<string> Chunk(string text) => Piece().Matches(text).Select(m => m.Value).ToArray();
    }

    /// <summary>The word-level diff from <paramref name="before"/> to <paramref name="after"/>; adjacent pieces of one kind are merged.</summary>
    public static IReadOnlyList<DiffSegment> Words(string before, string after)
    {
        var model = InlineDiffBuilder.Diff(Differ.Instance, before ?? "", after ?? "", ignoreWhiteSpace: false, ignoreCase: false, WordAndSpaceChunker.Instance);
        var segments = new List<DiffSegment>();
        foreach (var piece in model.Lines)
        {
            var kind = piece.Type switch
            {
                ChangeType.Inserted => DiffKind.Added,
                ChangeType.Deleted => DiffKind.Removed,
                _ => DiffKind.Same,
            };
            if (piece.Type == ChangeType.Imaginary || piece.Text is null) continue;
            if (segments.Count > 0 && segments[^1].Kind == kind)
                segments[^1] = segments[^1] with { Text = segments[^1].Text + piece.Text };
            else
                segments.Add(new DiffSegment(piece.Text, kind));
        }
        return segments;
    }

    /// <summary>Diff of two markdown answers as the person reads them (markup stripped).</summary>
    public static IReadOnlyList<DiffSegment> MarkdownWords(string before, string after) =>
        Words(Markdig.Markdown.ToPlainText(before ?? ""), Markdig.Markdown.ToPlainText(after ?? ""));

    /// <summary>How many words were added and removed.</summary>
    public static (int Added, int Removed) CountWords(IEnumerable<DiffSegment> diff) =>
        diff.Aggregate((0, 0), (n, s) => s.Kind switch
        {
            DiffKind.Added => (n.Item1 + CountOf(s.Text), n.Item2),
            DiffKind.Removed => (n.Item1, n.Item2 + CountOf(s.Text)),
            _ => n,
        });

    private static int CountOf(string s) => s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Text of the "before" side (same + removed) and "after" side (same + added): used by tests and summaries.</summary>
    public static string Side(IEnumerable<DiffSegment> segments, bool after) =>
        string.Concat(segments.Where(s => s.Kind == DiffKind.Same || s.Kind == (after ? DiffKind.Added : DiffKind.Removed)).Select(s => s.Text));

    [GeneratedRegex(@"\s+|\w+|[^\w\s]")]
    private static partial Regex Piece();
}
