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

    /// <summary>
    /// Every control of the app bar lies inside the viewport, none overlaps another and the page does not scroll
    /// sideways; returns the problems found (empty when the bar fits).
    /// </summary>
    private const string AppBarProblems = """
        () => {
          const vw = document.documentElement.clientWidth, problems = [];
          if (document.documentElement.scrollWidth > vw + 1) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
          const bar = document.querySelector('header.mud-appbar');
          if (!bar) return ['no app bar'];
          const controls = [...bar.querySelectorAll('a, button, [data-testid=model-badge]')]
            .filter(e => !e.closest('[data-testid=model-badge]') || e.matches('[data-testid=model-badge]'))
            .map(e => ({ name: e.getAttribute('data-testid') || e.getAttribute('aria-label') || e.textContent.trim(), r: e.getBoundingClientRect() }))
            .filter(c => c.r.width > 0 && c.r.height > 0);
          if (controls.length < 5) problems.push(`only ${controls.length} app bar controls shown`);
          for (const c of controls)
            if (c.r.left < -0.5 || c.r.right > vw + 0.5 || c.r.bottom > bar.getBoundingClientRect().bottom + 0.5)
              problems.push(`${c.name} outside the bar/viewport: ${Math.round(c.r.left)}..${Math.round(c.r.right)} of ${vw}`);
          for (let i = 0; i < controls.length; i++) for (let j = i + 1; j < controls.length; j++) {
            const a = controls[i].r, b = controls[j].r;
            if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1)
              problems.push(`${controls[i].name} overlaps ${controls[j].name}`);
          }
          return problems;
        }
        """;

    /// <summary>Each solution card's action buttons: one row, inside the card, labels on one line and not cut.</summary>
    private const string CardActionProblems = """
        () => {
          const problems = [];
          const cards = [...document.querySelectorAll('[data-testid=solution-card]')];
          if (cards.length === 0) return ['no solution cards'];
          const exportLabel = document.querySelector('[data-testid=solutions-export] .mud-button-label');
          if (exportLabel && exportLabel.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(exportLabel).lineHeight))
            problems.push('solutions-export label wraps');
          for (const card of cards) {
            const c = card.getBoundingClientRect();
            const buttons = [...card.querySelectorAll('[data-testid=solution-actions] button')];
            if (buttons.length < 4) problems.push(`card ${card.dataset.cardId}: ${buttons.length} actions`);
            const boxes = buttons.map(b => b.getBoundingClientRect());
            if (boxes.some(a => boxes.some(b => a.top >= b.bottom - 1))) problems.push(`card ${card.dataset.cardId}: actions wrap onto two rows`);
            for (const b of buttons) {
              const r = b.getBoundingClientRect(), name = b.dataset.testid;
              if (r.left < c.left - 0.5 || r.right > c.right + 0.5) problems.push(`${name} sticks out of its card (${Math.round(r.right)} > ${Math.round(c.right)})`);
              const label = b.querySelector('.mud-button-label');
              if (label) {
                const lines = Math.round(label.getBoundingClientRect().height / parseFloat(getComputedStyle(label).lineHeight || '20'));
                if (label.scrollWidth > label.clientWidth + 1) problems.push(`${name} label is clipped`);
                if (lines > 1) problems.push(`${name} label wraps (${lines} lines: "${label.textContent.trim()}")`);
              }
            }
          }
          return problems;
        }
        """;

    [Fact]
    public Task App_bar_fits_at_390_px_wide_and_every_control_stays_reachable() => StepsAsync(async () =>
    {
        await Page.SetViewportSizeAsync(390, 844);
        foreach (var path in new[] { "/", "/profiles" })
        {
            await OpenAsync(path);
            await ExpectNoProblemsAsync(AppBarProblems, $"app bar at 390 px on {path}");
        }
        // The controls still work when their labels are hidden: the Profile button opens the drawer.
        await OpenAsync("/");
        await Ui.AskAsync("Plan a relaxed weekend in Lisbon for two");
        await Expect(Ui.SolutionCards.First).ToBeVisibleAsync();
        await ExpectNoProblemsAsync(AppBarProblems, "app bar at 390 px after a turn");
        await SaveWorkspaceImageAsync(390);
        await Ui.OpenProfileAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Account" })).ToHaveCountAsync(1); // icon only at 390 px, still named
    });

    [Fact]
    public Task Solution_card_actions_stay_on_one_line_at_1400_px() => StepsAsync(async () =>
    {
        await OpenAsync("/");
        await Ui.AskAsync("Plan a relaxed weekend in Lisbon for two");
        await Expect(Ui.SolutionCards.First).ToBeVisibleAsync();
        await ExpectNoProblemsAsync(CardActionProblems, "card actions at 1400 px (three columns)");
        await ScreenshotAsync("card-actions-1400");
        await Ui.OpenProfileAsync();
        await ExpectNoProblemsAsync(CardActionProblems, "card actions at 1400 px with the profile drawer open");
    });

    private async Task ExpectNoProblemsAsync(string script, string what)
    {
        string[] problems = [];
        for (var attempt = 0; attempt < 20; attempt++)
        {
            problems = await Page.EvaluateAsync<string[]>(script) ?? [];
            if (problems.Length == 0) break;
            await Page.WaitForTimeoutAsync(250); // a drawer or panel may still be sliding in
        }
        if (problems.Length > 0) await ScreenshotAsync("layout-problem");
        Assert.True(problems.Length == 0, $"{what}: {string.Join("; ", problems)}");
        Output.WriteLine($"{what}: fits");
    }

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
