using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests.Accessibility;

/// <summary>
/// axe-core on the researcher's study pages and on every step of the participant flow (consent, instructions,
/// workspace empty and after a turn, questionnaire, done). Own host: the researcher set-up must be the first account.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AxeStudyTests(BrowserFixture fixture, ITestOutputHelper output) : OwnHostBrowserTest(fixture, output)
{
    protected override IReadOnlyDictionary<string, string?> HostSettings { get; } =
        new Dictionary<string, string?> { ["Ai:OfflineTokenDelayMs"] = "0" };

    /// <summary>This test creates the first (admin) account itself, at /setup.</summary>
    protected override bool SignsInAsMember => false;

    [Fact]
    public Task Study_pages_and_participant_flow_have_no_serious_axe_violation() => StepsAsync(async () =>
    {
        var axe = new AxeAudit(Output);

        // Researcher: set-up (first account), studies list, editor, participants, dashboard.
        await Page.GotoAsync(Url("/setup").ToString());
        await axe.CheckAsync(Page, "/setup");
        await Page.FillAsync("[data-testid=setup-email]", "researcher@example.org");
        await Page.FillAsync("[data-testid=setup-password]", "Researcher123");
        await Page.FillAsync("[data-testid=setup-confirm]", "Researcher123");
        await Page.ClickAsync("[data-testid=setup-submit]");
        await Expect(Page).ToHaveURLAsync(Url("/").ToString());
        await OpenAsync("/study");
        await axe.CheckAsync(Page, "/study empty");

        await Page.FillAsync("[data-testid=study-new-name]", "Trips and laptops");
        await Page.ClickAsync("[data-testid=study-create]");
        await Page.Locator("[data-testid=study-save]").WaitForAsync();
        await WaitForInteractiveAsync();
        var studyUrl = Page.Url;
        await axe.CheckAsync(Page, "/study/{id} draft");
        await Page.ClickAsync("[data-testid=study-open]");
        await Page.Locator("[data-testid=study-locked]").WaitForAsync();
        await axe.CheckAsync(Page, "/study/{id} open");

        await Page.GotoAsync(studyUrl + "/participants");
        await WaitForInteractiveAsync();
        await axe.CheckAsync(Page, "/study/{id}/participants empty");
        await Page.FillAsync("[data-testid=participants-count]", "1");
        await Page.ClickAsync("[data-testid=participants-generate]");
        var link = await Page.Locator("[data-testid=participant-link]").First.GetAttributeAsync("href");
        await axe.CheckAsync(Page, "/study/{id}/participants with a participant");
        await Page.GotoAsync(studyUrl + "/dashboard");
        await WaitForInteractiveAsync();
        await axe.CheckAsync(Page, "/study/{id}/dashboard empty");
        await OpenAsync("/study");
        await axe.CheckAsync(Page, "/study with a study");

        // Participant (no researcher cookie): every step, the workspace empty and after a turn in each condition.
        var context = await Fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = DesktopWidth, Height = DesktopHeight } });
        var participant = await context.NewPageAsync();
        await participant.GotoAsync(Url(link!).ToString());
        await participant.Locator("[data-testid=app-root][data-interactive=true]").WaitForAsync();
        await axe.CheckAsync(participant, "/p/{code} consent");
        await participant.ClickAsync("[data-testid=consent-check]");
        await participant.ClickAsync("[data-testid=consent-accept]");
        for (var task = 1; task <= 2; task++)
        {
            await participant.Locator("[data-testid=instructions-step]").WaitForAsync();
            await axe.CheckAsync(participant, $"/p/{{code}} instructions {task}");
            await participant.ClickAsync("[data-testid=task-start]");
            var workspace = participant.Locator("[data-testid=participant-workspace]");
            await workspace.WaitForAsync();
            var features = await workspace.GetAttributeAsync("data-condition-features");
            await axe.CheckAsync(participant, $"/p/{{code}} workspace {features} empty");
            var participantUi = new Workspace(participant);
            await participantUi.AskAsync(task == 1 ? "Plan a weekend in Porto" : "Help me choose a laptop for university");
            if (await participant.GetByTestId("needs-panel").CountAsync() > 0)
            {
                await Expect(participantUi.NeedItems.First).ToBeVisibleAsync();
                await Expect(participantUi.SolutionCards.First).ToBeVisibleAsync();
            }
            await axe.CheckAsync(participant, $"/p/{{code}} workspace {features} after a turn");
            await participant.ClickAsync("[data-testid=task-finish]");
            await participant.Locator("[data-testid=questionnaire]").WaitForAsync();
            await axe.CheckAsync(participant, $"/p/{{code}} questionnaire {task}");
            foreach (var key in new[] { "mental", "physical", "temporal", "performance", "effort", "frustration" })
                await participant.Locator($"[data-testid=q-nasa-tlx-{key}] input[type=range]").FillAsync("50");
            for (var i = 1; i <= 10; i++)
                await participant.ClickAsync($"[data-testid=q-sus-q{i}-3]");
            await participant.ClickAsync("[data-testid=questionnaire-submit]");
        }
        await participant.Locator("[data-testid=done-step]").WaitForAsync();
        await axe.CheckAsync(participant, "/p/{code} done");
        await context.DisposeAsync();

        // The dashboard with a completed participant (charts drawn).
        await Page.GotoAsync(studyUrl + "/dashboard");
        await WaitForInteractiveAsync();
        await Page.Locator("[data-testid=dashboard-summary][data-completed='1']").WaitForAsync();
        await axe.CheckAsync(Page, "/study/{id}/dashboard with a completed participant");

        axe.AssertNoSeriousViolations();
    });
}
