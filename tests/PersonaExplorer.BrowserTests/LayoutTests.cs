using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests;

/// <summary>
/// Responsive workspace: chat, needs and solutions side by side on a wide screen, stacked or tabbed
/// on a narrow one. Also produces the README images (wwwroot/docs/workspace-*.png) when
/// UPDATE_DOCS_SCREENSHOTS=1.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>Geometry of the three panels; the chat panel is "chat-panel" when present, else the chat input.</summary>
    private const string MeasureScript = """
        () => {
          const box = (...ids) => {
            for (const id of ids) {
              const e = document.querySelector(`[data-testid=${id}]`);
              if (!e) continue;
              const r = e.getBoundingClientRect(), s = getComputedStyle(e);
              const shown = r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
              return shown ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width } : null;
            }
            return null;
          };
          return { width: window.innerWidth, chat: box('chat-panel', 'chat-input'), needs: box('needs-panel'), solutions: box('solutions-panel') };
        }
        """;

    /// <summary>All three shown, in one row, without horizontal overlap.</summary>
    private const string SideBySide = """
        g => {
          const p = [g.chat, g.needs, g.solutions];
          if (p.some(b => !b)) return false;
          for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) {
            const a = p[i], b = p[j];
            const xOverlap = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const yOverlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (xOverlap > 1 || yOverlap <= 0) return false;
          }
          return true;
        }
        """;

    /// <summary>Chat in its own column, needs above solutions beside it (the layout when drawers take room).</summary>
    private const string ChatBesideStackedPanels = """
        g => {
          if (!g.chat || !g.needs || !g.solutions) return false;
          return g.chat.right <= g.needs.left + 1 && g.chat.right <= g.solutions.left + 1
              && g.needs.bottom <= g.solutions.top + 1 && g.needs.width > 200;
        }
        """;

    /// <summary>Not side by side: whichever panels are shown (tabs) use most of the width (stacked).</summary>
    private const string StackedOrTabbed = """
        g => {
          const shown = [g.chat, g.needs, g.solutions].filter(b => b);
          return shown.length > 0 && shown.every(b => b.width >= g.width * 0.5);
        }
        """;

    [Fact]
    public Task Panels_are_side_by_side_when_wide_and_stacked_when_narrow() => StepsAsync(async () =>
    {
        // A realistic session for the screenshots: a concept and two answers.
        await OpenAsync("/");
        await Ui.AddConceptAsync("dislikes long flights");
        await Ui.CloseProfileAsync();
        await Ui.AskAsync("Plan a relaxed long weekend in Europe in May");
        await Ui.AskAsync("Which of these works best by train from Paris?");
        await Expect(Ui.NeedsPanel).ToBeVisibleAsync();
        await Expect(Ui.SolutionsPanel).ToBeVisibleAsync();

        await ExpectLayoutAsync(SideBySide, "side by side at 1400x900");
        await ScreenshotAsync("side-by-side-1400");
        // The docs image shows the profile next to the panels: with both drawers open the panels get less room,
        // so needs and solutions share one column beside the chat instead of being squeezed.
        await Ui.OpenProfileAsync();
        await ExpectLayoutAsync(ChatBesideStackedPanels, "chat beside needs-over-solutions at 1400x900 with the profile drawer open");
        await SaveWorkspaceImageAsync(1400);
        await Ui.CloseProfileAsync();

        await Page.SetViewportSizeAsync(800, 900);
        await ExpectLayoutAsync(StackedOrTabbed, "stacked or tabbed at 800x900");
        await SaveWorkspaceImageAsync(800);
    });

    private async Task ExpectLayoutAsync(string predicate, string what)
    {
        try
        {
            await Page.WaitForFunctionAsync($"() => ({predicate})(({MeasureScript})())", null, new() { Timeout = 10_000, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            var geometry = await Page.EvaluateAsync<JsonElement>(MeasureScript);
            Assert.Fail($"The workspace is not {what}; panel boxes: {geometry}");
        }
        Output.WriteLine($"{what}: {await Page.EvaluateAsync<JsonElement>(MeasureScript)}");
    }

    private async Task SaveWorkspaceImageAsync(int width)
    {
        var shot = await ScreenshotAsync($"workspace-{width}");
        if (!Paths.UpdateDocsScreenshots) return;
        Directory.CreateDirectory(Paths.DocsImages);
        var docs = Path.Combine(Paths.DocsImages, $"workspace-{width}.png");
        File.Copy(shot, docs, overwrite: true);
        Output.WriteLine($"docs image updated: {docs}");
    }
}
