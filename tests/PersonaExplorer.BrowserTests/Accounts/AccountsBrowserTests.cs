using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests.Accounts;

/// <summary>
/// Accounts as a person meets them: register, sign in, work, sign out; and an admin disabling someone whose tab is
/// open (a short revalidation interval stands in for the default minute). UPDATE_DOCS_SCREENSHOTS=1 refreshes the
/// /setup, /account/login and /admin/users images in wwwroot/docs/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountsBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : OwnHostBrowserTest(fixture, output)
{
    private const string AdminEmail = "admin@example.org";

    protected override IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>
    {
        ["Ai:OfflineTokenDelayMs"] = "0",
        ["Accounts:RevalidationInterval"] = "00:00:02",
    };

    protected override bool SignsInAsMember => false;

    private async Task SaveDocsImageAsync(IPage page, string name)
    {
        var path = await ScreenshotAsync(name);
        if (Paths.UpdateDocsScreenshots) await page.ScreenshotAsync(new() { Path = Path.Combine(Paths.DocsImages, name + ".png") });
        Output.WriteLine($"docs image {name}: {path}");
    }

    [Fact]
    public Task A_visitor_registers_signs_out_signs_in_works_and_signs_out() => StepsAsync(async () =>
    {
        await Page.SetViewportSizeAsync(1000, 800);
        await Page.GotoAsync(Url("/").ToString());
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/setup$")); // no account yet: the first run
        await SaveDocsImageAsync(Page, "setup");
        await TestAccounts.CreateAsync(App.Services, AdminEmail, Roles.Admin, Roles.Researcher);

        await Page.GotoAsync(Url(AccountEndpoints.LoginPath).ToString());
        await SaveDocsImageAsync(Page, "login");
        await Page.ClickAsync("[data-testid=login-register]");
        await Page.FillAsync("[data-testid=register-email]", "new@example.org");
        await Page.FillAsync("[data-testid=register-password]", TestAccounts.Password);
        await Page.FillAsync("[data-testid=register-confirm]", TestAccounts.Password);
        await Expect(Page.Locator("[data-testid=register-email]")).ToHaveValueAsync("new@example.org");
        await Page.ClickAsync("[data-testid=register-submit]");
        await Expect(Page).ToHaveURLAsync(Url("/").ToString());
        await WaitForInteractiveAsync();

        await SignOutAsync();
        await Page.FillAsync("[data-testid=login-email]", "new@example.org");
        await Page.FillAsync("[data-testid=login-password]", TestAccounts.Password);
        await Expect(Page.Locator("[data-testid=login-email]")).ToHaveValueAsync("new@example.org");
        await Page.ClickAsync("[data-testid=login-submit]");
        await Expect(Page).ToHaveURLAsync(Url("/").ToString());
        await WaitForInteractiveAsync();
        await Ui.AskAsync("Plan a weekend in Porto");
        await Expect(Page).ToHaveURLAsync(SessionUrl());
        await Page.ClickAsync("[data-testid=account-menu] button");
        await Expect(Page.GetByTestId("account-email")).ToHaveTextAsync("new@example.org");
        await Expect(Page.GetByTestId("nav-users")).ToHaveCountAsync(0); // a member: no Users, no Studies
        await Expect(Page.GetByTestId("nav-studies")).ToHaveCountAsync(0);
        await Page.ClickAsync("[data-testid=logout]"); // from the open menu
        await Expect(Page.GetByTestId("login-signed-out")).ToBeVisibleAsync();
        var response = await Page.GotoAsync(Url("/").ToString());
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?returnUrl=%2F$"));
        Assert.DoesNotContain("Plan a weekend in Porto", await Page.ContentAsync());
        Assert.True(response is { Ok: true });
    });

    private async Task SignOutAsync()
    {
        await Page.ClickAsync("[data-testid=account-menu] button");
        await Page.ClickAsync("[data-testid=logout]");
        await Expect(Page.GetByTestId("login-signed-out")).ToBeVisibleAsync();
    }

    [Fact]
    public Task An_admin_disables_a_member_whose_open_tab_then_loses_access() => StepsAsync(async () =>
    {
        await TestAccounts.CreateAsync(App.Services, AdminEmail, Roles.Admin, Roles.Researcher);
        await TestAccounts.CreateAsync(App.Services, TestAccounts.MemberEmail);
        await using var memberContext = await Fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 800 } });
        await BrowserAccounts.SignInAsync(memberContext, App.RootUri, TestAccounts.MemberEmail);
        var member = await memberContext.NewPageAsync();
        await member.GotoAsync(Url("/").ToString());
        await member.Locator("[data-testid=app-root][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await BrowserAccounts.SignInAsync(Context, App.RootUri, AdminEmail);
        await OpenAsync("/admin/users");
        var row = Page.Locator("tr", new() { Has = Page.GetByText(TestAccounts.MemberEmail, new() { Exact = true }) });
        await Expect(row.GetByTestId("user-state")).ToHaveTextAsync("Active");
        await SaveDocsImageAsync(Page, "admin-users");
        await row.GetByTestId("user-disable").ClickAsync();
        await Expect(row.GetByTestId("user-state")).ToHaveTextAsync("Disabled");

        // The member's open tab: within the revalidation interval it is signed out and sent to the sign-in page.
        await Expect(member).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"), new() { Timeout = 15_000 });
        var again = await member.GotoAsync(Url("/profiles").ToString());
        Assert.Contains("/account/login", member.Url);
        Assert.True(again is { Ok: true });

        // Enabled again, they sign in as before.
        await row.GetByTestId("user-enable").ClickAsync();
        await Expect(row.GetByTestId("user-state")).ToHaveTextAsync("Active");
        await BrowserAccounts.SignInAsync(memberContext, App.RootUri, TestAccounts.MemberEmail);
    });
}
