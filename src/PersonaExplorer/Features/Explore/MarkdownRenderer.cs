using Ganss.Xss;
using Markdig;

namespace PersonaExplorer.Features.Explore;

/// <summary>Model output is untrusted: markdown is rendered to HTML and then sanitized (no scripts, handlers or javascript: links).</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToSafeHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown ?? "", _pipeline);
        lock (_sanitizer) return _sanitizer.Sanitize(html);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("https");
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("mailto");
        s.AllowedAttributes.Add("class");
        // Links open outside the workspace and cannot reach back into it.
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement a)
            {
                a.SetAttribute("target", "_blank");
                a.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return s;
    }
}
