using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests.Accessibility;

/// <summary>axe-core on the workspace and the profiles page: no serious or critical violation, empty and after a full turn.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AxeWorkspaceTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Workspace_and_profiles_have_no_serious_axe_violation_empty_and_after_a_full_turn() => StepsAsync(async () =>
    {
        var axe = new AxeAudit(Output);

        await OpenAsync("/");
        await axe.CheckAsync(Page, "/ empty");
        await OpenAsync("/profiles");
        await axe.CheckAsync(Page, "/profiles empty");

        // A full turn: a concept in the profile, an answer, needs and solution cards in the panels, the drawer open.
        await OpenAsync("/");
        await Ui.AddConceptAsync("prefers quiet places");
        await Ui.AskAsync("Plan a relaxed weekend in Lisbon for two");
        await Expect(Ui.NeedItems.First).ToBeVisibleAsync();
        await Expect(Ui.SolutionCards.First).ToBeVisibleAsync();
        await axe.CheckAsync(Page, "/sessions/{id} after a turn, profile drawer open");
        await Ui.CloseProfileAsync();
        await axe.CheckAsync(Page, "/sessions/{id} after a turn");
        await ScreenshotAsync("workspace-after-turn");

        await OpenAsync("/profiles");
        await axe.CheckAsync(Page, "/profiles with a concept");
        foreach (var tab in new[] { "tab-history", "tab-transfer", "tab-build", "tab-ab", "tab-influence" })
        {
            await Ui.OpenProfilesTabAsync(tab);
            await axe.CheckAsync(Page, $"/profiles {tab}");
        }

        axe.AssertNoSeriousViolations();
    });
}
