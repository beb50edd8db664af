using AngleSharp.Css.Dom;
using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;

namespace PersonaExplorer.Components.Markdown;

/// <summary>
/// Model output and user text are untrusted: markdown is rendered by an explicit pipeline (no raw HTML, no generic
/// attributes) and then sanitized by a narrow policy. Nothing rendered can load from another host, run script,
/// style the page or show a form: images become their alt text plus a link to the URL.
/// Thread-safe: the pipeline and the sanitizer are configured once and only read afterwards.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>What answers need: emphasis, lists, tables, code, links, headings (CommonMark core), task lists.</summary>
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToSafeHtml(string? markdown)
    {
        var document = Markdig.Markdown.Parse(markdown ?? "", _pipeline);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<LinkInlineRenderer>(new ImageAsLinkRenderer());
        renderer.ObjectRenderers.ReplaceOrAdd<Markdig.Extensions.TaskLists.HtmlTaskListRenderer>(new TaskMarkRenderer());
        renderer.Render(document);
        writer.Flush();
        return _sanitizer.Sanitize(writer.ToString());
    }

    internal static readonly string[] AllowedTags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "ins", "mark", "sub", "sup",
        "code", "pre", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a",
    ];

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            // No class, style, id or data-* attribute: markdown cannot restyle or overlay the page.
            AllowedAttributes = new HashSet<string>(["href", "title", "start"], StringComparer.OrdinalIgnoreCase),
            AllowedClasses = new HashSet<string>(),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<CssRuleType>(),
            AllowedSchemes = new HashSet<string>(["https", "http", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowDataAttributes = false,
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        // Links open outside the workspace and cannot reach back into it.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlAnchorElement a)
            {
                a.SetAttribute("target", "_blank");
                a.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }

    /// <summary>An image is never loaded: its alt text is shown, followed by its address as a link.</summary>
    private sealed class ImageAsLinkRenderer : LinkInlineRenderer
    {
        protected override void Write(HtmlRenderer renderer, LinkInline link)
        {
            if (!link.IsImage)
            {
                base.Write(renderer, link);
                return;
            }
            var wasImplicit = renderer.ImplicitParagraph;
            renderer.WriteChildren(link);
            renderer.ImplicitParagraph = wasImplicit;
            var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? "";
            renderer.Write(" (image: <a href=\"").WriteEscapeUrl(url).Write("\">").WriteEscape(url).Write("</a>)");
        }
    }

    /// <summary>Task-list boxes are text, not form elements.</summary>
    private sealed class TaskMarkRenderer : Markdig.Extensions.TaskLists.HtmlTaskListRenderer
    {
        protected override void Write(HtmlRenderer renderer, Markdig.Extensions.TaskLists.TaskList obj) =>
            renderer.Write(obj.Checked ? "☑" : "☐");
    }
}
