using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Components.Markdown;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Explore;

/// <summary>
/// The sanitized HTML of finished answers in one circuit, rendered once: the virtualised chat re-creates an answer's
/// component whenever it scrolls back into view, and re-parsing markdown each time is what makes long chats slow
/// elsewhere. Only the most recently shown answers are kept, so a long session does not hold every answer twice.
/// </summary>
public sealed class RenderedAnswers(MarkdownRenderer markdown)
{
    /// <summary>Answers kept: a screenful and its overscan on either side.</summary>
    public const int Capacity = 24;

    private readonly LruCache<Guid, (string Source, string Html)> _html = new(Capacity);

    public int Count => _html.Count;

    public string HtmlOf(Message answer)
    {
        // The text is compared too: an answer object is immutable once shown, but a test or a future edit must never see stale HTML.
        if (_html.TryGet(answer.Id, out var kept) && string.Equals(kept.Source, answer.Content, StringComparison.Ordinal)) return kept.Html;
        var html = markdown.ToSafeHtml(answer.Content);
        _html.Set(answer.Id, (answer.Content, html));
        return html;
    }
}
