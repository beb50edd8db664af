using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Tests.TestSupport;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;
using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests;

/// <summary>
/// Profiles end to end on the offline demo model: curator proposals (accept / dismiss), live steering when a concept is
/// switched off, restoring an old version, A/B comparing two profiles, and a clear error for a bad import file.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProfilesBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Vegetarian = "prefers vegetarian food";
    private const string Budget = "budget-conscious";
    private const string Trains = "prefers trains over flights";
    private const string Quiet = "prefers quiet places";

    private Guid _homeProfile;
    private HashSet<Guid> _profilesBefore = [];

    /// <summary>
    /// Besides the base reset (concepts): pending/dismissed proposals are cleared (a dismissed text is blocked for good,
    /// which would hide the curator's proposals from these tests), and the profile that is active now is remembered.
    /// </summary>
    /// <summary>The profile store as the browser's (signed-out) visitor sees it: a scope of the app, like a circuit's.</summary>
    /// <summary>The profile store as the signed-in member of these tests sees it.</summary>
    private async Task<ProfileStore> MemberStoreAsync()
    {
        var scope = App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentPerson>().ActAs(await TestAccounts.CreateAsync(App.Services, TestAccounts.MemberEmail));
        return scope.ServiceProvider.GetRequiredService<ProfileStore>();
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var factory = App.Services.GetRequiredService<IDbContextFactory<PersonaDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
            await db.ConceptProposals.ExecuteDeleteAsync();
        var store = await MemberStoreAsync();
        _homeProfile = (await store.GetActiveAsync()).Id;
        _profilesBefore = (await store.ListAsync()).Select(p => p.Id).ToHashSet();
    }

    /// <summary>Profiles a test created are deleted and the one active before is active again, so other browser tests see the usual app.</summary>
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        var store = await MemberStoreAsync();
        await store.SetActiveAsync(_homeProfile);
        foreach (var profile in await store.ListAsync())
            if (!_profilesBefore.Contains(profile.Id))
                await store.DeleteProfileAsync(profile.Id);
    }

    [Fact]
    public Task Curator_proposals_can_be_accepted_into_the_profile_and_a_dismissed_one_is_not_proposed_again() => StepsAsync(async () =>
    {
        await OpenAsync("/");
        var (first, _) = await Ui.AskAsync("I hate flying. Plan a weekend trip from Paris");
        Assert.DoesNotContain("trains instead of flights", first); // nothing in the profile yet

        // The curator runs after the answer, in the background: a chip in the chat says there is something to review.
        var chip = Page.GetByTestId("proposal-chip");
        await Expect(chip).ToBeVisibleAsync();
        await Expect(chip).ToContainTextAsync("1 profile suggestion");
        await ScreenshotAsync("proposal-chip");

        // The chip opens the drawer, which lists the proposal with its evidence and the accept/dismiss choice.
        await chip.ClickAsync();
        await Expect(Ui.ProfileOpen).ToHaveAttributeAsync("aria-expanded", "true");
        var trains = Ui.Proposal(Ui.Drawer, Trains);
        await Expect(trains).ToHaveCountAsync(1);
        await Expect(trains.GetByTestId("proposal-evidence")).ToContainTextAsync("I hate flying");
        await Expect(trains.GetByTestId("proposal-accept")).ToBeVisibleAsync();
        await Expect(trains.GetByTestId("proposal-dismiss")).ToBeVisibleAsync();
        await Expect(Ui.Drawer.GetByTestId("concept-item")).ToHaveCountAsync(0);
        await ScreenshotAsync("proposal-in-drawer");

        // Accept: it becomes a concept (the person said it, so its source is "stated") and the proposal is gone.
        await trains.GetByTestId("proposal-accept").ClickAsync();
        var accepted = Ui.Drawer.GetByTestId("concept-item").Filter(new() { HasText = Trains });
        await Expect(accepted).ToHaveCountAsync(1);
        await Expect(accepted.GetByTestId("concept-source")).ToHaveTextAsync("stated");
        await Expect(accepted).ToHaveAttributeAsync("data-enabled", "true");
        await Expect(accepted).ToContainTextAsync("Evidence: “I hate flying.”");
        await Expect(Ui.Drawer.GetByTestId("concept-proposal")).ToHaveCountAsync(0);
        await Expect(chip).ToHaveCountAsync(0);
        await ScreenshotAsync("proposal-accepted");

        // A second turn brings a second proposal; dismiss it.
        await Ui.CloseProfileAsync();
        var (second, _) = await Ui.AskAsync("I'm on a tight budget. Plan a weekend trip for me.");
        // The accepted concept steers the next trip answer: no flight options, rail instead.
        Assert.Contains("dropped Flight to", second);
        Assert.Matches("(?i)\\b(rail|train)", second);
        await Expect(chip).ToContainTextAsync("1 profile suggestion");
        await Ui.OpenProfileAsync();
        var budget = Ui.Proposal(Ui.Drawer, Budget);
        await Expect(budget).ToHaveCountAsync(1);
        await Expect(Ui.Proposal(Ui.Drawer, Trains)).ToHaveCountAsync(0); // already a concept: not proposed again
        await budget.GetByTestId("proposal-dismiss").ClickAsync();
        await Expect(budget).ToHaveCountAsync(0);
        await Expect(Ui.Drawer.GetByTestId("concept-proposal")).ToHaveCountAsync(0);
        await Expect(Ui.Drawer.GetByTestId("concept-item").Filter(new() { HasText = Budget })).ToHaveCountAsync(0);
        await Expect(chip).ToHaveCountAsync(0);
        await ScreenshotAsync("proposal-dismissed");

        // Another turn says the budget thing again plus something new: the new proposal proves the curator ran on this
        // turn, and the dismissed one does not come back.
        await Ui.CloseProfileAsync();
        await Ui.AskAsync("Still on a tight budget, and I hate crowds. Any ideas for Sunday?");
        await Expect(chip).ToContainTextAsync("1 profile suggestion");
        await Ui.OpenProfileAsync();
        await Expect(Ui.Proposal(Ui.Drawer, Quiet)).ToHaveCountAsync(1);
        await Expect(Ui.Proposal(Ui.Drawer, Budget)).ToHaveCountAsync(0);
        await Expect(Ui.Drawer.GetByTestId("concept-proposal")).ToHaveCountAsync(1);
        await ScreenshotAsync("dismissed-not-reproposed");
    });

    [Fact]
    public Task Switching_a_concept_off_regenerates_the_answer_and_shows_the_diff() => StepsAsync(async () =>
    {
        await OpenAsync("/");
        await Ui.AddConceptAsync(Vegetarian);
        await Ui.CloseProfileAsync();
        var (before, _) = await Ui.AskAsync("Suggest restaurants for dinner in Porto");
        Assert.Contains("vegetarian", before, StringComparison.OrdinalIgnoreCase);

        await Ui.OpenProfileAsync();
        await Ui.SetConceptAsync(Vegetarian, on: false);
        await Expect(Ui.Concept(Vegetarian)).ToHaveAttributeAsync("data-enabled", "false");

        var diff = Page.GetByTestId("answer-diff");
        await Expect(diff).ToBeVisibleAsync();
        await Expect(diff).ToHaveAttributeAsync("data-changed", "true");
        await Expect(Ui.LastAssistant).ToHaveAttributeAsync("data-status", "complete");
        var words = diff.GetByTestId("answer-diff-text");
        await Expect(words.GetByTestId("diff-remove")).Not.ToHaveCountAsync(0);
        await Expect(words.GetByTestId("diff-add")).Not.ToHaveCountAsync(0);
        // What the concept contributed is among the removed words.
        var removed = string.Join(" ", await words.GetByTestId("diff-remove").AllInnerTextsAsync());
        Assert.Contains("vegetarian", removed, StringComparison.OrdinalIgnoreCase);
        await Expect(diff.GetByTestId("keep-before")).ToBeVisibleAsync();
        await Expect(diff.GetByTestId("keep-after")).ToBeVisibleAsync();

        var after = await Workspace.AnswerTextAsync(Ui.LastAssistant);
        Assert.DoesNotContain("vegetarian", after, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(before, after);
        await ScreenshotAsync("toggle-off-diff");

        await diff.GetByTestId("keep-after").ClickAsync();
        await Expect(diff).ToHaveCountAsync(0);
        Assert.Equal(after, await Workspace.AnswerTextAsync(Ui.LastAssistant));

        // Kept: after a reload the regenerated answer is the one shown.
        await ReloadAsync();
        await Expect(Ui.AssistantMessages).ToHaveCountAsync(1);
        await Expect(Ui.LastAssistant).ToHaveAttributeAsync("data-status", "complete");
        Assert.Equal(after, await Workspace.AnswerTextAsync(Ui.LastAssistant));
        await ScreenshotAsync("kept-after-reload");
    });

    [Fact]
    public Task Restoring_an_old_version_brings_back_only_its_concepts() => StepsAsync(async () =>
    {
        await OpenAsync("/profiles");
        await Ui.AddConceptOnProfilesPageAsync(Vegetarian);
        await Ui.AddConceptOnProfilesPageAsync(Budget);

        await Ui.OpenProfilesTabAsync("tab-history");
        var rows = Ui.ProfilesPage.GetByTestId("profile-version");
        var current = rows.First;
        await Expect(current).ToContainTextAsync($"you: added '{Budget}'");
        await Expect(current).ToContainTextAsync("(current)");
        await Expect(current.GetByTestId("profile-restore")).ToBeDisabledAsync();
        var currentNumber = int.Parse((await current.GetAttributeAsync("data-version"))!);

        // The version just before the second concept: it holds the first one only.
        var first = Ui.ProfilesPage.Locator($"[data-testid=profile-version][data-version='{currentNumber - 1}']");
        await Expect(first).ToContainTextAsync($"you: added '{Vegetarian}'");
        await Expect(first.Locator("td").Nth(3)).ToHaveTextAsync("1");
        await ScreenshotAsync("history-before-restore");

        await first.GetByTestId("profile-restore").ClickAsync();
        // Restoring adds a version on top; the state before stays in the history.
        var restored = Ui.ProfilesPage.Locator($"[data-testid=profile-version][data-version='{currentNumber + 1}']");
        await Expect(restored).ToContainTextAsync($"restore of v{currentNumber - 1}");
        await Expect(rows.First).ToHaveAttributeAsync("data-version", (currentNumber + 1).ToString());
        await Expect(restored.Locator("td").Nth(3)).ToHaveTextAsync("1");
        await Expect(Ui.ProfilesPage.Locator($"[data-testid=profile-version][data-version='{currentNumber}']")).ToHaveCountAsync(1);
        await ScreenshotAsync("history-after-restore");

        await Ui.OpenProfilesTabAsync("tab-concepts");
        var concepts = Ui.ProfilesPage.GetByTestId("profile-concepts").GetByTestId("concept-item");
        await Expect(concepts).ToHaveCountAsync(1);
        await Expect(concepts.GetByTestId("concept-text")).ToHaveTextAsync(Vegetarian);
        await ScreenshotAsync("concepts-after-restore");

        // The workspace's drawer shows the same profile.
        await OpenAsync("/");
        await Ui.OpenProfileAsync();
        var drawerConcepts = Ui.Drawer.GetByTestId("concept-item");
        await Expect(drawerConcepts).ToHaveCountAsync(1);
        await Expect(drawerConcepts.GetByTestId("concept-text")).ToHaveTextAsync(Vegetarian);
    });

    [Fact]
    public Task AB_compare_runs_one_request_under_two_profiles_side_by_side_and_shows_the_diff() => StepsAsync(async () =>
    {
        var home = (await (await MemberStoreAsync()).GetActiveAsync()).Name;
        await OpenAsync("/profiles");
        await Ui.AddConceptOnProfilesPageAsync(Vegetarian);

        // A second profile, which becomes the active one, with a different concept.
        const string second = "Budget traveller";
        await Ui.ProfilesPage.GetByTestId("profile-new").ClickAsync();
        await Ui.ProfilesPage.Locator("[data-testid=profile-name-input] input, input[data-testid=profile-name-input]").First.FillAsync(second);
        await Ui.ProfilesPage.GetByTestId("profile-name-save").ClickAsync();
        await Expect(Ui.ProfilesPage.GetByTestId("profile-name-form")).ToHaveCountAsync(0);
        await Expect(Ui.ProfilesPage.GetByTestId("concepts-empty")).ToBeVisibleAsync();
        await Ui.AddConceptOnProfilesPageAsync(Budget);
        await Expect(Ui.ProfilesPage.GetByTestId("profile-concepts").GetByTestId("concept-item")).ToHaveCountAsync(1);

        await Ui.OpenProfilesTabAsync("tab-ab");
        var ab = Ui.ProfilesPage.GetByTestId("ab-compare");
        await Expect(ab).ToBeVisibleAsync();
        await Ui.SelectAsync("ab-a-profile", home);
        await Ui.SelectAsync("ab-b-profile", second);
        // Both sides use the profiles' current concepts (the default for B is the active profile's previous version).
        await Ui.SelectAsync("ab-a-version", "current");
        await Ui.SelectAsync("ab-b-version", "current");
        await ab.Locator("[data-testid=ab-request] input, input[data-testid=ab-request]").First.FillAsync("Suggest restaurants for dinner in Porto");
        await Expect(ab.GetByTestId("ab-run")).ToBeEnabledAsync();
        await ab.GetByTestId("ab-run").ClickAsync();

        var a = ab.GetByTestId("ab-answer-a");
        var b = ab.GetByTestId("ab-answer-b");
        await Expect(a).ToHaveAttributeAsync("data-done", "true");
        await Expect(b).ToHaveAttributeAsync("data-done", "true");
        await Expect(ab.GetByTestId("ab-stop")).ToHaveCountAsync(0);

        // Each side says which profile and concepts it used.
        await Expect(a.Locator(".mud-typography-subtitle2").First).ToHaveTextAsync($"A: {home}");
        await Expect(b.Locator(".mud-typography-subtitle2").First).ToHaveTextAsync($"B: {second}");
        await Expect(a.GetByTestId("ab-concepts-a")).ToContainTextAsync(Vegetarian);
        await Expect(a.GetByTestId("ab-concepts-a")).Not.ToContainTextAsync(Budget);
        await Expect(b.GetByTestId("ab-concepts-b")).ToContainTextAsync(Budget);
        await Expect(b.GetByTestId("ab-concepts-b")).Not.ToContainTextAsync(Vegetarian);

        // The answers differ, and the diff is shown: A's own words struck through, B's highlighted.
        await Expect(a.GetByTestId("diff-remove")).Not.ToHaveCountAsync(0);
        await Expect(b.GetByTestId("diff-add")).Not.ToHaveCountAsync(0);
        await Expect(a.GetByTestId("diff-add")).ToHaveCountAsync(0);
        await Expect(b.GetByTestId("diff-remove")).ToHaveCountAsync(0);
        await Expect(ab.GetByTestId("ab-diff-summary")).ToHaveTextAsync(new Regex(@"^\d+ words only in A \(struck through\), \d+ words only in B \(highlighted\)\.$"));
        var textA = await a.GetByTestId("diff-text").InnerTextAsync();
        var textB = await b.GetByTestId("diff-text").InnerTextAsync();
        Assert.NotEqual(textA, textB);
        Assert.Contains("vegetarian", textA, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vegetarian", textB, StringComparison.OrdinalIgnoreCase);

        // Side by side: same row, A on the left.
        var boxA = await a.BoundingBoxAsync();
        var boxB = await b.BoundingBoxAsync();
        Assert.NotNull(boxA);
        Assert.NotNull(boxB);
        Assert.True(boxA.X + boxA.Width <= boxB.X + 1, $"A ({boxA.X}+{boxA.Width}) is not left of B ({boxB.X})");
        Assert.True(Math.Abs(boxA.Y - boxB.Y) < 2, $"A (y {boxA.Y}) and B (y {boxB.Y}) are not side by side");
        await ScreenshotAsync("ab-compare", fullPage: true);
    });

    [Fact]
    public Task Importing_a_malformed_file_shows_what_is_wrong_and_changes_nothing() => StepsAsync(async () =>
    {
        await OpenAsync("/profiles");
        await Ui.AddConceptOnProfilesPageAsync(Vegetarian);
        await Ui.AddConceptOnProfilesPageAsync(Budget);
        await Ui.OpenProfilesTabAsync("tab-history");
        // Count once the history shows the last change (the tab loads it after it opens).
        await Expect(Ui.ProfilesPage.GetByTestId("profile-version").First).ToContainTextAsync($"you: added '{Budget}'");
        var versions = await Ui.ProfilesPage.GetByTestId("profile-version").CountAsync();

        await Ui.OpenProfilesTabAsync("tab-transfer");
        var transfer = Ui.ProfilesPage.GetByTestId("profile-transfer");
        // The harshest mode: the file would replace this profile's concepts.
        await transfer.GetByText("replace the concepts of").ClickAsync();
        await Expect(transfer.Locator("input[type=radio]").Nth(1)).ToBeCheckedAsync();
        await Expect(transfer.GetByTestId("profile-import")).ToBeEnabledAsync();

        var folder = Directory.CreateTempSubdirectory("pe-import-");
        try
        {
            // 1. Not JSON at all: cut off in the middle of the concepts array.
            var broken = Path.Combine(folder.FullName, "broken-profile.json");
            await File.WriteAllTextAsync(broken,
                "{\n  \"schema\": \"personaexplorer.profile\",\n  \"version\": 1,\n  \"name\": \"Broken\",\n  \"concepts\": [\n    { \"text\": \"likes jazz\", \"weight\": 0.5 \n");
            var file = transfer.Locator("input[type=file]").Last;
            await file.SetInputFilesAsync(broken);
            var errors = transfer.GetByTestId("import-errors");
            await Expect(errors).ToBeVisibleAsync();
            await Expect(errors).ToContainTextAsync("broken-profile.json was not imported — nothing changed.");
            await Expect(errors.GetByTestId("import-error")).ToHaveCountAsync(1);
            await Expect(errors.GetByTestId("import-error")).ToContainTextAsync(new Regex(@"The file is not valid JSON \(line \d+, position \d+\)\."));
            await ScreenshotAsync("import-invalid-json");

            // 2. Valid JSON, but a concept's weight is out of range: the error names the field.
            var outOfRange = Path.Combine(folder.FullName, "bad-weight.json");
            await File.WriteAllTextAsync(outOfRange,
                """{"schema":"personaexplorer.profile","version":1,"name":"Bad weight","concepts":[{"text":"likes jazz","weight":5}]}""");
            await file.SetInputFilesAsync(outOfRange);
            await Expect(errors).ToContainTextAsync("bad-weight.json was not imported — nothing changed.");
            await Expect(errors.GetByTestId("import-error")).ToHaveCountAsync(1);
            await Expect(errors.GetByTestId("import-error")).ToContainTextAsync("concepts[0].weight must be a number from -1 to 1");
            await ScreenshotAsync("import-bad-weight");
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        // Nothing changed: same concepts (not "imported"), no new version, no new profile.
        await Ui.OpenProfilesTabAsync("tab-concepts");
        var concepts = Ui.ProfilesPage.GetByTestId("profile-concepts").GetByTestId("concept-item");
        await Expect(concepts.GetByTestId("concept-text")).ToHaveTextAsync([Vegetarian, Budget]);
        await Expect(concepts.GetByTestId("concept-source")).ToHaveTextAsync(["stated", "stated"]);
        await Expect(Page.GetByText("likes jazz")).ToHaveCountAsync(0);
        await Ui.OpenProfilesTabAsync("tab-history");
        await Expect(Ui.ProfilesPage.GetByTestId("profile-version")).ToHaveCountAsync(versions);
        Assert.Equal(_profilesBefore.Count, (await (await MemberStoreAsync()).ListAsync()).Count);
    });
}
