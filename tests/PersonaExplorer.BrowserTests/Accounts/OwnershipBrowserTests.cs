using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests.Accounts;

/// <summary>
/// Issue #10, "Must show": two signed-in members in two browser contexts never see each other's sessions, profiles or
/// concepts (list, typed URL, drawer, /profiles, A/B picker), and one switching her active profile leaves the other's
/// alone; a study participant cannot reach the member pages or another participant's session.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OwnershipBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : OwnHostBrowserTest(fixture, output)
{
    private const string AnnaEmail = "anna@example.org", BenEmail = "ben@example.org", RitaEmail = "rita@example.org";

    protected override IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>
    {
        ["Ai:OfflineTokenDelayMs"] = "0",
    };

    protected override bool SignsInAsMember => false; // each test signs in whom it needs

    private static Task LiveAsync(IPage page) =>
        page.Locator("[data-testid=app-root][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Opens the MudSelect carrying <paramref name="testId"/> and returns its options' texts (closing it again).</summary>
    private static async Task<string> OptionsAsync(IPage page, string testId)
    {
        var select = page.Locator($".mud-select:has([data-testid={testId}]), .mud-select[data-testid={testId}]").First;
        await select.Locator(".mud-input-control").First.ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await Expect(items.First).ToBeVisibleAsync();
        var texts = string.Join(" | ", await items.AllInnerTextsAsync());
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        return texts;
    }

    [Fact]
    public Task Two_members_never_see_each_others_sessions_profiles_or_concepts() => StepsAsync(async () =>
    {
        const string annaConcept = "Anna adores zebra crossings", annaMessage = "Plan a weekend in Reykjavik",
            annaProfile = "Annas hidden profile", benConcept = "Ben travels by tandem";
        await TestAccounts.CreateAsync(App.Services, AnnaEmail);
        await TestAccounts.CreateAsync(App.Services, BenEmail);

        // Ben, in his own browser context: a concept of his own, and the drawer's title of his active profile.
        await using var benContext = await Fixture.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = DesktopWidth, Height = DesktopHeight }, Locale = "en-US", TimezoneId = "UTC",
        });
        benContext.SetDefaultTimeout(TimeoutMs);
        await BrowserAccounts.SignInAsync(benContext, App.RootUri, BenEmail);
        var ben = await benContext.NewPageAsync();
        var benUi = new Workspace(ben);
        await ben.GotoAsync(Url("/").ToString());
        await LiveAsync(ben);
        await benUi.AddConceptAsync(benConcept);
        var benProfileTitle = (await benUi.Drawer.Locator("h2").InnerTextAsync()).Trim();
        Output.WriteLine($"Ben's active profile: {benProfileTitle}");

        // Anna: a concept in the drawer, a message (a session), then a second profile on /profiles, which becomes active.
        await BrowserAccounts.SignInAsync(Context, App.RootUri, AnnaEmail);
        await OpenAsync("/");
        await Ui.AddConceptAsync(annaConcept);
        await Ui.AskAsync(annaMessage);
        await Expect(Page).ToHaveURLAsync(SessionUrl());
        var annaSession = Page.Url.Split('/').Last();
        await Expect(Ui.Sessions.First).ToBeVisibleAsync();
        var annaTitle = (await Ui.Sessions.First.InnerTextAsync()).Trim();
        Output.WriteLine($"Anna's session {annaSession}: {annaTitle}");
        await OpenAsync("/profiles");
        await Ui.ProfilesPage.GetByTestId("profile-new").ClickAsync();
        await Ui.ProfilesPage.Locator("[data-testid=profile-name-input] input, input[data-testid=profile-name-input]").First.FillAsync(annaProfile);
        await Ui.ProfilesPage.GetByTestId("profile-name-save").ClickAsync();
        await Expect(Ui.ProfilesPage.GetByTestId("profile-name-form")).ToHaveCountAsync(0);
        Assert.Contains(annaProfile, await OptionsAsync(Page, "profile-select"));
        await OpenAsync("/");
        await Ui.OpenProfileAsync();
        await Expect(Ui.Drawer.Locator("h2")).ToHaveTextAsync(annaProfile); // Anna's active profile is the new one
        await ScreenshotAsync("anna");

        string[] annas = [annaConcept, "Reykjavik", annaProfile, annaSession];
        async Task NothingOfAnnasAsync(string where)
        {
            var html = await ben.ContentAsync();
            foreach (var secret in annas)
                Assert.False(html.Contains(secret, StringComparison.OrdinalIgnoreCase), $"Ben sees \"{secret}\" on {where}");
            if (!string.IsNullOrWhiteSpace(annaTitle) && annaTitle.Length > 6)
                Assert.False(html.Contains(annaTitle, StringComparison.OrdinalIgnoreCase), $"Ben sees Anna's session title on {where}");
        }

        // Ben's workspace, reloaded after Anna's switch: his session list, his drawer with his own active profile and concept.
        await ben.GotoAsync(Url("/").ToString());
        await LiveAsync(ben);
        await Expect(benUi.Sessions.Filter(new() { HasText = "Reykjavik" })).ToHaveCountAsync(0);
        await benUi.OpenProfileAsync();
        await Expect(benUi.Drawer.Locator("h2")).ToHaveTextAsync(benProfileTitle); // Anna's switch left his active profile alone
        await Expect(benUi.Drawer.GetByTestId("concept-item").Filter(new() { HasText = benConcept })).ToHaveCountAsync(1);
        await Expect(benUi.Drawer.GetByTestId("concept-item").Filter(new() { HasText = annaConcept })).ToHaveCountAsync(0);
        await NothingOfAnnasAsync("/ with the drawer open");

        // Ben's /profiles: the profile picker and the A/B compare pickers list only his profiles.
        await ben.GotoAsync(Url("/profiles").ToString());
        await LiveAsync(ben);
        await Expect(benUi.ProfilesPage).ToBeVisibleAsync();
        var picker = await OptionsAsync(ben, "profile-select");
        Assert.Contains(benProfileTitle, picker);
        Assert.DoesNotContain(annaProfile, picker);
        await NothingOfAnnasAsync("/profiles");
        await benUi.OpenProfilesTabAsync("tab-ab");
        await Expect(ben.GetByTestId("ab-compare")).ToBeVisibleAsync();
        foreach (var side in new[] { "ab-a-profile", "ab-b-profile" })
        {
            var options = await OptionsAsync(ben, side);
            Output.WriteLine($"Ben's {side}: {options}");
            Assert.Contains(benProfileTitle, options);
            Assert.DoesNotContain(annaProfile, options);
        }
        await NothingOfAnnasAsync("the A/B compare tab");

        // Ben typing Anna's session URL: not found, nothing of hers.
        // (A 404 is reported by Chromium as a console error: request it with Ben's cookies.)
        var response = await benContext.APIRequest.GetAsync(Url("/sessions/" + annaSession).ToString());
        var body = await response.TextAsync();
        Output.WriteLine($"Ben GET /sessions/{annaSession}: {response.Status}");
        Assert.True(response.Status == 404 && body.Contains("data-testid=\"page-not-found\""),
            $"Ben's GET of Anna's session returned {response.Status} without the not-found page");
        Assert.DoesNotContain("Reykjavik", body);
        Assert.DoesNotContain(annaConcept, body);
        Assert.DoesNotContain(annaProfile, body);

        // And Anna still has hers.
        await OpenAsync("/sessions/" + annaSession);
        await Expect(Ui.UserMessages.Filter(new() { HasText = annaMessage })).ToHaveCountAsync(1);
    });

    [Fact]
    public Task A_participant_cannot_reach_member_pages_or_another_participants_session() => StepsAsync(async () =>
    {
        AllowBrowserError("404"); // the typed not-found URL
        var rita = await TestAccounts.CreateAsync(App.Services, RitaEmail, Roles.Researcher);
        await TestAccounts.CreateAsync(App.Services, AnnaEmail); // a member whose data must stay out of reach
        string code, otherCode;
        Guid otherSession;
        using (var scope = App.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentPerson>().ActAs(rita);
            var store = scope.ServiceProvider.GetRequiredService<StudyStore>();
            var flow = scope.ServiceProvider.GetRequiredService<ParticipantFlow>();
            var study = (await store.GetAsync((await store.CreateAsync("Study S")).Id))!;
            study.Conditions.RemoveAt(0); // only the full workspace (with the profile drawer)
            Assert.Null(await store.SaveAsync(study));
            Assert.Null(await store.SetStatusAsync(study.Id, StudyStatus.Open));
            var participants = await store.GenerateAsync(study.Id, 2);
            (code, otherCode) = (participants[0].Code, participants[1].Code);
            // The other participant has consented and started the task: their trial has a session.
            Assert.Null(await flow.ConsentAsync(otherCode));
            otherSession = (await flow.StartTaskAsync(otherCode))!.Value;
        }

        await Page.GotoAsync(Url("/p/" + code).ToString());
        await WaitForInteractiveAsync();
        await Page.ClickAsync("[data-testid=consent-check]");
        await Page.ClickAsync("[data-testid=consent-accept]");
        await Page.Locator("[data-testid=instructions-step]").WaitForAsync();
        await Page.ClickAsync("[data-testid=task-start]");
        await Expect(Page.GetByTestId("participant-workspace")).ToBeVisibleAsync();
        await Page.ClickAsync("[data-testid=profile-open]");
        var drawer = Page.GetByTestId("profile-drawer");
        await Expect(drawer).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("profiles-link")).ToHaveCountAsync(0);
        await Expect(drawer.Locator("a[href='/'], a[href='/profiles'], a[href^='/profiles'], a[href^='/sessions/']")).ToHaveCountAsync(0);
        await Expect(Page.Locator("a[href='/profiles'], a[href^='/sessions/']")).ToHaveCountAsync(0);
        await ScreenshotAsync("participant-drawer");

        // Typed URLs: the sign-in page or not found, never member data or the other participant's session.
        foreach (var path in new[] { "/", "/profiles", "/sessions/" + otherSession })
        {
            var response = await Page.GotoAsync(Url(path).ToString());
            var html = await Page.ContentAsync();
            Output.WriteLine($"participant GET {path}: {response?.Status} at {Page.Url}");
            var signIn = Page.Url.Contains("/account/login", StringComparison.OrdinalIgnoreCase);
            var notFound = response is { Status: 404 } || html.Contains("-not-found\"");
            Assert.True(signIn || notFound, $"participant GET {path}: {response?.Status} at {Page.Url}, neither sign-in nor not-found");
            Assert.Equal(0, await Page.GetByTestId("profiles-page").CountAsync());
            Assert.Equal(0, await Page.GetByTestId("chat-message").CountAsync());
            Assert.DoesNotContain("P002", html);
            Assert.DoesNotContain(otherCode, html);
        }
    });
}
