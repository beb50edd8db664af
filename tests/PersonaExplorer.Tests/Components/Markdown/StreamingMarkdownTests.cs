using PersonaExplorer.Components.Markdown;

namespace PersonaExplorer.Tests.Components.Markdown;

public class StreamingMarkdownTests
{
    private readonly MarkdownRenderer _renderer = new();

    private const string Answer = """
        ## Three dinners

        A **vegetarian** risotto with mushrooms.

        ```
        step one

        step two (a blank line inside the fence must not split it)
        ```

        Then a [link](https://example.org) and *emphasis*.

        > a quote
        """;

    [Fact]
    public void Streaming_in_small_pieces_ends_with_the_same_html_as_rendering_the_whole_answer()
    {
        var streaming = new StreamingMarkdown(_renderer);
        for (var n = 1; n <= Answer.Length; n += 3) streaming.Update(Answer[..n]);
        streaming.Update(Answer);

        Assert.Equal(_renderer.ToSafeHtml(Answer), string.Concat(streaming.Finished) + streaming.Tail);
        Assert.Contains(streaming.Finished, html => html.Contains("step one") && html.Contains("step two"));
    }

    [Fact]
    public void Each_tick_renders_only_the_tail_so_the_work_grows_linearly_with_the_answer()
    {
        var paragraph = "A sentence about a trip to the coast with a few more words. ";
        var text = string.Concat(Enumerable.Range(0, 200).Select(i => paragraph + i + "\n\n"));
        long rendered = 0;
        var streaming = new StreamingMarkdown(s => { rendered += s.Length; return _renderer.ToSafeHtml(s); });

        for (var n = 20; n <= text.Length; n += 20) streaming.Update(text[..n]);

        // Re-rendering everything each tick would be about length²/(2·20) ≈ 3.8 M characters here.
        Assert.True(rendered < 4L * text.Length, $"rendered {rendered} characters for a {text.Length}-character answer");
    }

    [Fact]
    public void A_new_answer_that_does_not_continue_the_old_one_starts_over()
    {
        var streaming = new StreamingMarkdown(_renderer);
        streaming.Update("First answer.\n\nMore");

        streaming.Update("Second");

        Assert.Empty(streaming.Finished);
        Assert.Contains("Second", streaming.Tail);
    }
}
