// Browser test of study mode: a researcher creates a two-condition within-subject study, a participant completes both
// tasks with questionnaires in the assigned (Latin-square) order and gets the completion code, and the dashboard and
// the export show their data.
//
// data-testids used (all stable):
//   app-root[data-interactive=true]         page is live (set after the first interactive render) — wait for it after every navigation
//   setup-email / setup-password / setup-confirm / setup-submit      /setup (first account: admin and researcher)
//   study-new-name, study-create            /study
//   task-add, task-title, task-instructions, study-save, study-open, study-locked       /study/{id}
//   tab-participants, participants-count, participants-generate, participant-link, participant-status
//   consent-check, consent-accept           /p/{code} consent
//   instructions-step, task-title, task-start
//   participant-workspace[data-condition-features], needs-panel, solutions-panel, chat-input, chat-send, task-finish
//   questionnaire, q-nasa-tlx-{mental|physical|temporal|performance|effort|frustration} (slider input[type=range]),
//   q-sus-q{1..10}-{1..5} (radio), q-likert-…, q-text-…-text, questionnaire-submit, questionnaire-error
//   done-step, completion-code
//   dashboard-summary[data-completed][data-events], chart-tlx[data-points], chart-sus[data-points]
//
// It runs on the shared Chromium (BrowserFixture) against a host of its own (own database: the researcher set-up
// must be the first one).
using Microsoft.Playwright;

namespace PersonaExplorer.BrowserTests.Study;

[Collection(BrowserCollection.Name)]
public sealed class StudyBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppHost _host = default!;
    private Harness app = default!;

    private sealed record Harness(string BaseUrl, Microsoft.Playwright.IBrowser Browser);

    public async Task InitializeAsync()
    {
        _host = await BrowserFixture.StartHostAsync(new Dictionary<string, string?> { ["Ai:OfflineTokenDelayMs"] = "0" });
        app = new Harness(_host.RootUri.ToString().TrimEnd('/'), browser.Browser);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly string[] TlxKeys = ["mental", "physical", "temporal", "performance", "effort", "frustration"];

    private static Task LiveAsync(IPage page) => page.Locator("[data-testid=app-root][data-interactive=true]").WaitForAsync();

    [Fact]
    public async Task Researcher_runs_a_two_condition_within_subject_study_end_to_end()
    {
        var researcher = await app.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });

        // First run: the setup page creates the researcher account and signs in.
        await researcher.GotoAsync(app.BaseUrl + "/study");
        await researcher.WaitForURLAsync("**/setup");
        // The redirect may still be patching the page; fill a freshly loaded form and check the values stuck.
        await researcher.GotoAsync(app.BaseUrl + "/setup");
        await researcher.FillAsync("[data-testid=setup-email]", "researcher@example.org");
        await researcher.FillAsync("[data-testid=setup-password]", "Researcher123");
        await researcher.FillAsync("[data-testid=setup-confirm]", "Researcher123");
        await Assertions.Expect(researcher.Locator("[data-testid=setup-email]")).ToHaveValueAsync("researcher@example.org");
        await researcher.ClickAsync("[data-testid=setup-submit]");
        // The URL is polled, not awaited as a navigation: the page may get there by an enhanced (same-document) navigation.
        await Assertions.Expect(researcher).ToHaveURLAsync(app.BaseUrl + "/");
        await researcher.GotoAsync(app.BaseUrl + "/study");
        await LiveAsync(researcher);

        // Create the study: the default draft has the conditions "Chat only" and "Full workspace" and one task; add a second task.
        await researcher.FillAsync("[data-testid=study-new-name]", "Laptop vs trip");
        await researcher.ClickAsync("[data-testid=study-create]");
        await researcher.Locator("[data-testid=study-save]").WaitForAsync();
        await LiveAsync(researcher);
        var studyUrl = researcher.Url;
        await researcher.ClickAsync("[data-testid=task-add]");
        await researcher.Locator("[data-testid=task-title]").Nth(1).FillAsync("Choose a laptop");
        await researcher.Locator("[data-testid=task-instructions]").Nth(1).FillAsync("Find a laptop for studying.");
        await researcher.ClickAsync("[data-testid=study-open]");
        await researcher.Locator("[data-testid=study-locked]").WaitForAsync();

        // One participant link.
        await researcher.GotoAsync(studyUrl + "/participants");
        await LiveAsync(researcher);
        await researcher.FillAsync("[data-testid=participants-count]", "1");
        await researcher.ClickAsync("[data-testid=participants-generate]");
        var link = await researcher.Locator("[data-testid=participant-link]").First.GetAttributeAsync("href");
        Assert.Matches("^/p/[a-z2-9]{32}$", link);

        // The participant (no researcher cookie): consent → 2 × (instructions → workspace → questionnaire) → end questions → done.
        var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var participant = await context.NewPageAsync();
        await participant.GotoAsync(app.BaseUrl + link);
        await LiveAsync(participant);
        await participant.ClickAsync("[data-testid=consent-check]");
        await participant.ClickAsync("[data-testid=consent-accept]");

        // Participant 0 gets row 0 of the Latin square: Chat only first, then Full workspace.
        string[] expectedFeatures = ["ChatOnly", "All"];
        for (var task = 0; task < 2; task++)
        {
            await participant.Locator("[data-testid=instructions-step]").WaitForAsync();
            await participant.ClickAsync("[data-testid=task-start]");
            var workspace = participant.Locator("[data-testid=participant-workspace]");
            await workspace.WaitForAsync();
            Assert.Equal(expectedFeatures[task], await workspace.GetAttributeAsync("data-condition-features"));
            Assert.Equal(task == 0 ? 0 : 1, await participant.Locator("[data-testid=needs-panel]").CountAsync()); // absent, not greyed
            await participant.FillAsync("[data-testid=chat-input]", task == 0 ? "Plan a weekend in Porto" : "Help me choose a laptop");
            await participant.ClickAsync("[data-testid=chat-send]");
            await participant.Locator("[data-testid=chat-messages] >> text=Offline demo model").First.WaitForAsync();
            await participant.ClickAsync("[data-testid=task-finish]");

            await participant.Locator("[data-testid=questionnaire]").WaitForAsync();
            foreach (var key in TlxKeys)
                await participant.Locator($"[data-testid=q-nasa-tlx-{key}] input[type=range]").FillAsync(task == 0 ? "40" : "60");
            for (var i = 1; i <= 10; i++)
                await participant.ClickAsync($"[data-testid=q-sus-q{i}-{(i % 2 == 1 ? 4 : 2)}]");
            await participant.ClickAsync("[data-testid=questionnaire-submit]");
        }
        await participant.Locator("[data-testid=done-step]").WaitForAsync();
        Assert.False(string.IsNullOrWhiteSpace(await participant.Locator("[data-testid=completion-code]").TextContentAsync()));

        // Dashboard: one completed participant, two TLX and two SUS scores (one per condition).
        await researcher.GotoAsync(studyUrl + "/dashboard");
        await LiveAsync(researcher);
        var summary = researcher.Locator("[data-testid=dashboard-summary][data-completed='1']");
        await summary.WaitForAsync();
        Assert.Equal("2", await researcher.Locator("[data-testid=chart-tlx]").GetAttributeAsync("data-points"));
        Assert.Equal("2", await researcher.Locator("[data-testid=chart-sus]").GetAttributeAsync("data-points"));

        // Export (with the researcher's cookie): the participant's events and answers, pseudonymous.
        var studyId = studyUrl.Split('/').Last();
        var events = await (await researcher.APIRequest.GetAsync($"{app.BaseUrl}/study/api/studies/{studyId}/export/events.csv")).TextAsync();
        Assert.Contains("P001,Real,0,Chat only", events);
        Assert.Contains("P001,Real,1,Full workspace", events);
        Assert.Contains("message.send", events);
        Assert.DoesNotContain(link![3..], events);
        var answers = await (await researcher.APIRequest.GetAsync($"{app.BaseUrl}/study/api/studies/{studyId}/export/questionnaires.csv")).TextAsync();
        Assert.Contains("P001,Real,0,Chat only,Plan a weekend trip,NASA-TLX,score,0,40,", answers);
        Assert.Contains("P001,Real,1,Full workspace,Choose a laptop,SUS,score,0,75,", answers);

        // An anonymous browser gets nothing from the export.
        var anonymous = await (await participant.APIRequest.GetAsync($"{app.BaseUrl}/study/api/studies/{studyId}/export/events.csv")).TextAsync();
        Assert.DoesNotContain("P001", anonymous);
        await context.DisposeAsync();
    }
}
