namespace PersonaExplorer.Components.Markdown;

/// <summary>
/// Renders an answer that grows while it streams, in time linear in its length: every block that can no longer
/// change (text before a blank line outside a code fence) is rendered once and kept; each tick renders only the
/// tail. Rendering the whole answer on every tick made a long answer quadratic. One instance per live message.
/// </summary>
public sealed class StreamingMarkdown(Func<string, string> render)
{
    private readonly List<string> _finished = [];
    private string _committedText = "";
    private int _scanned;          // characters of the text whose line structure has been read
    private int _blockStart;       // start of the block not yet committed
    private bool _inFence;

    public StreamingMarkdown(MarkdownRenderer renderer) : this(renderer.ToSafeHtml) { }

    /// <summary>Rendered HTML of the finished blocks, oldest first; these strings never change for one answer.</summary>
    public IReadOnlyList<string> Finished => _finished;

    /// <summary>Rendered HTML of the part still being written.</summary>
    public string Tail { get; private set; } = "";

    public void Update(string text)
    {
        if (!text.StartsWith(_committedText, StringComparison.Ordinal) || text.Length < _scanned) Reset();
        while (true)
        {
            var end = text.IndexOf('\n', _scanned);
            if (end < 0) break;
            var line = text.AsSpan(_scanned, end - _scanned).Trim();
            if (line.StartsWith("```") || line.StartsWith("~~~")) _inFence = !_inFence;
            _scanned = end + 1;
            if (line.IsEmpty && !_inFence && _scanned - _blockStart > 1) Commit(text, _scanned);
        }
        Tail = _blockStart < text.Length ? render(text[_blockStart..]) : "";
    }

    private void Commit(string text, int upTo)
    {
        var block = text[_blockStart..upTo];
        if (!string.IsNullOrWhiteSpace(block)) _finished.Add(render(block));
        _blockStart = upTo;
        _committedText = text[..upTo];
    }

    private void Reset()
    {
        _finished.Clear();
        _committedText = "";
        _scanned = _blockStart = 0;
        _inFence = false;
        Tail = "";
    }
}
