using PersonaExplorer.Components.Markdown;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;

namespace PersonaExplorer.Tests.Features.Explore;

public class RenderedAnswersTests
{
    [Fact]
    public void An_answer_shown_again_gets_the_html_rendered_the_first_time()
    {
        var answers = new RenderedAnswers(new MarkdownRenderer());
        var answer = new Message { Role = MessageRole.Assistant, Content = "**Bold** <script>alert(1)</script>" };

        var first = answers.HtmlOf(answer);
        var again = answers.HtmlOf(answer);

        Assert.Contains("<strong>Bold</strong>", first);
        Assert.DoesNotContain("<script>", first);
        Assert.Same(first, again);
    }

    [Fact]
    public void Only_the_most_recently_shown_answers_are_kept()
    {
        var answers = new RenderedAnswers(new MarkdownRenderer());
        var all = Enumerable.Range(0, RenderedAnswers.Capacity * 3).Select(i => new Message { Role = MessageRole.Assistant, Content = $"answer {i}" }).ToList();
        var firstHtml = answers.HtmlOf(all[0]);

        foreach (var answer in all) answers.HtmlOf(answer);

        Assert.Equal(RenderedAnswers.Capacity, answers.Count);
        Assert.NotSame(firstHtml, answers.HtmlOf(all[0])); // forgotten, rendered again
    }

    [Fact]
    public void A_changed_text_under_the_same_id_is_rendered_anew()
    {
        var answers = new RenderedAnswers(new MarkdownRenderer());
        var answer = new Message { Role = MessageRole.Assistant, Content = "first" };
        answers.HtmlOf(answer);

        var changed = new Message { Id = answer.Id, Role = MessageRole.Assistant, Content = "*second*" };

        Assert.Contains("<em>second</em>", answers.HtmlOf(changed));
    }
}
