using PersonaExplorer.Tests.TestSupport;
using System.Text.RegularExpressions;

namespace PersonaExplorer.BrowserTests.Infrastructure;

/// <summary>
/// Base for browser tests: a fresh browser context and page per test on the shared Chromium,
/// an interactivity-aware <see cref="OpenAsync"/>, numbered step screenshots, and a failure screenshot.
/// </summary>
public abstract partial class BrowserTest(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    public const int DesktopWidth = 1400, DesktopHeight = 900;
    /// <summary>Upper bound for any single wait (the machine has 2 cores and runs the other test project in parallel).</summary>
    public const int TimeoutMs = 20_000;

    private readonly List<string> _browserErrors = [];
    private readonly List<string> _foreignRequests = [];
    private readonly List<string> _allowedErrors = [];
    private int _step;

    protected BrowserFixture Fixture { get; } = fixture;
    protected ITestOutputHelper Output { get; } = output;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;
    protected Workspace Ui { get; private set; } = null!;

    /// <summary>The app this test drives; a test may start its own host before <see cref="OpenAsync"/>.</summary>
    protected AppHost App { get; set; } = fixture.App;

    /// <summary>Whether the context starts signed in as <see cref="TestAccounts.MemberEmail"/> (every member page needs an account).</summary>
    protected virtual bool SignsInAsMember => true;

    /// <summary>Folder for this test class's screenshots.</summary>
    protected string ArtifactsDir => Path.Combine(Paths.Artifacts, GetType().Name);

    public virtual async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        Directory.CreateDirectory(ArtifactsDir);
        foreach (var old in Directory.EnumerateFiles(ArtifactsDir, "*.png")) File.Delete(old);
        Output.WriteLine(Fixture.StartupReport);
        await App.ResetProfileAsync();

        Context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = DesktopWidth, Height = DesktopHeight },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        Context.SetDefaultTimeout(TimeoutMs);
        Context.SetDefaultNavigationTimeout(TimeoutMs);
        // Every CSP violation becomes a console error (Chromium reports some only as events).
        await Context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
            """);
        if (SignsInAsMember)
        {
            await TestAccounts.CreateAsync(App.Services, TestAccounts.MemberEmail);
            await BrowserAccounts.SignInAsync(Context, App.RootUri, TestAccounts.MemberEmail);
        }
        Page = await Context.NewPageAsync();
        Page.Console += (_, msg) => { if (msg.Type is "error") lock (_browserErrors) _browserErrors.Add("console: " + msg.Text); };
        Page.PageError += (_, error) => { lock (_browserErrors) _browserErrors.Add("page error: " + error); };
        Context.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ws" or "wss"
                && !string.Equals(uri.Host, App.RootUri.Host, StringComparison.OrdinalIgnoreCase))
                lock (_foreignRequests) _foreignRequests.Add(request.Method + " " + request.Url);
        };
        Ui = new Workspace(Page);
    }

    /// <summary>
    /// Ends every test: the page must have raised no console error, page error or CSP violation, and the browser must
    /// have requested nothing from another host. A test that provokes an error on purpose names it with
    /// <see cref="AllowBrowserError"/>.
    /// </summary>
    public virtual async Task DisposeAsync()
    {
        string[] errors, foreign;
        lock (_browserErrors) errors = [.. _browserErrors];
        lock (_foreignRequests) foreign = [.. _foreignRequests];
        foreach (var error in errors) Output.WriteLine("[browser] " + error);
        foreach (var request in foreign) Output.WriteLine("[browser] request to another host: " + request);
        if (Context is not null) await Context.DisposeAsync();

        var unexpected = errors.Where(e => !_allowedErrors.Any(a => e.Contains(a, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(unexpected.Count == 0, "The browser reported errors (console, page or CSP):\n" + string.Join("\n", unexpected));
        Assert.True(foreign.Length == 0, "The browser requested another host:\n" + string.Join("\n", foreign));
    }

    /// <summary>Requests the browser made to hosts other than the app's, so far.</summary>
    protected IReadOnlyList<string> ForeignRequests { get { lock (_foreignRequests) return [.. _foreignRequests]; } }

    /// <summary>Console errors, page errors and CSP violations so far.</summary>
    protected IReadOnlyList<string> BrowserErrors { get { lock (_browserErrors) return [.. _browserErrors]; } }

    /// <summary>Lets this test's browser report errors containing <paramref name="fragment"/> (a failure it provokes on purpose).</summary>
    protected void AllowBrowserError(string fragment) => _allowedErrors.Add(fragment);

    protected Uri Url(string path) => new(App.RootUri, path.TrimStart('/'));

    /// <summary>Navigates and waits until the Blazor circuit is live (the layout marks app-root after its first interactive render).</summary>
    protected async Task OpenAsync(string path = "/")
    {
        var response = await Page.GotoAsync(Url(path).ToString());
        Assert.True(response is { Ok: true }, $"GET {path} returned {response?.Status}");
        await WaitForInteractiveAsync();
    }

    protected async Task ReloadAsync()
    {
        await Page.ReloadAsync();
        await WaitForInteractiveAsync();
    }

    protected Task WaitForInteractiveAsync() =>
        Page.Locator("[data-testid=app-root][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Saves a numbered screenshot of the viewport and prints its path.</summary>
    protected async Task<string> ScreenshotAsync(string name, bool fullPage = false)
    {
        var path = Path.Combine(ArtifactsDir, $"{++_step:00}-{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        Output.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>Runs a test body; on failure saves a screenshot and the page URL before rethrowing.</summary>
    protected async Task StepsAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            try
            {
                Output.WriteLine($"FAILED at {Page.Url}");
                await ScreenshotAsync("FAILED", fullPage: true);
            }
            catch (PlaywrightException e) { Output.WriteLine("no failure screenshot: " + e.Message); }
            throw;
        }
    }

    [GeneratedRegex(@"/sessions/[^/?#]+$")]
    protected static partial Regex SessionUrl();
}
