using PersonaExplorer.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests.Data;

/// <summary>
/// Scale-out: two app instances on one PostgreSQL database, each on its own port, one browser. Member accounts do
/// not exist yet, so the "same person, same cookie" part uses a researcher account: the cookie instance 1 issues is
/// accepted by instance 2 only because the Data Protection keys are shared through the database.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoInstanceBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Vegetarian = "prefers vegetarian food";
    private const string Trains = "prefers trains over flights";
    private AppHost _one = null!, _two = null!;

    public override async Task InitializeAsync()
    {
        // Always PostgreSQL (in the SQLite run too): the shared database is what this test is about.
        var database = TestDatabase.CreatePostgreSqlDatabase();
        var shared = new Dictionary<string, string?> { ["Data:Provider"] = "PostgreSQL", ["Data:ConnectionString"] = database };
        _one = await BrowserFixture.StartHostAsync(shared);
        _two = await BrowserFixture.StartHostAsync(shared);
        App = _one;
        // First requests to a fresh host compile and warm up; on a loaded machine that exceeds a navigation timeout.
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        foreach (var host in new[] { _one, _two })
            (await http.GetAsync(new Uri(host.RootUri, "setup"))).EnsureSuccessStatusCode();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _one.DisposeAsync();
        await _two.DisposeAsync();
    }

    /// <summary>This test creates the first (admin) account itself, at /setup.</summary>
    protected override bool SignsInAsMember => false;

    private static string On(AppHost host, string path) => new Uri(host.RootUri, path.TrimStart('/')).ToString();

    [Fact]
    public Task Two_instances_share_the_signed_in_cookie_the_data_and_live_curator_proposals() => StepsAsync(async () =>
    {
        Assert.NotEqual(_one.RootUri.Port, _two.RootUri.Port);

        // Instance 1: the first account (admin and researcher, signed in by setup), a concept, a message.
        await Page.GotoAsync(On(_one, "/setup"));
        await Page.FillAsync("[data-testid=setup-email]", "researcher@example.org");
        await Page.FillAsync("[data-testid=setup-password]", "Researcher123");
        await Page.FillAsync("[data-testid=setup-confirm]", "Researcher123");
        await Expect(Page.Locator("[data-testid=setup-email]")).ToHaveValueAsync("researcher@example.org");
        await Page.ClickAsync("[data-testid=setup-submit]");
        await Expect(Page).ToHaveURLAsync(On(_one, "/"));

        await OpenAsync("/");
        await Ui.AddConceptAsync(Vegetarian);
        await Ui.AskAsync("Plan a weekend in Porto");
        await Expect(Page).ToHaveURLAsync(SessionUrl());
        var sessionPath = new Uri(Page.Url).AbsolutePath;
        await ScreenshotAsync("instance-1-session");

        // Instance 2, same browser (same cookie): still signed in, and it sees the concept and the session.
        var two = await Context.NewPageAsync();
        var response = await two.GotoAsync(On(_two, "/study"));
        Assert.True(response is { Ok: true }, $"GET /study on instance 2 returned {response?.Status}");
        Assert.DoesNotContain("/account/login", two.Url); // the researcher cookie of instance 1 is valid here
        await Expect(two.GetByTestId("study-new-name")).ToBeVisibleAsync();

        await two.GotoAsync(On(_two, sessionPath));
        await two.Locator("[data-testid=app-root][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var onTwo = new Workspace(two);
        await Expect(onTwo.UserMessages.First).ToContainTextAsync("Plan a weekend in Porto");
        await onTwo.OpenProfileAsync();
        await Expect(onTwo.Concept(Vegetarian)).ToHaveCountAsync(1);
        await Expect(onTwo.Proposal(onTwo.Drawer, Trains)).ToHaveCountAsync(0);
        await two.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDir, "instance-2-drawer-before.png") });

        // A curator proposal made on instance 1 appears in instance 2's open drawer without a reload (LISTEN/NOTIFY).
        await Ui.AskAsync("I hate flying. Plan a weekend trip from Paris");
        await Expect(Page.GetByTestId("proposal-chip")).ToBeVisibleAsync();
        await Expect(onTwo.Proposal(onTwo.Drawer, Trains)).ToHaveCountAsync(1);
        await two.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDir, "instance-2-drawer-live-proposal.png") });
    });
}
