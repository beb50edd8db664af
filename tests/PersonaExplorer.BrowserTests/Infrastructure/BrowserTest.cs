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
    private int _step;

    protected BrowserFixture Fixture { get; } = fixture;
    protected ITestOutputHelper Output { get; } = output;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;
    protected Workspace Ui { get; private set; } = null!;

    /// <summary>The app this test drives; a test may start its own host before <see cref="OpenAsync"/>.</summary>
    protected AppHost App { get; set; } = fixture.App;

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
        Page = await Context.NewPageAsync();
        Page.Console += (_, msg) => { if (msg.Type is "error") lock (_browserErrors) _browserErrors.Add("console: " + msg.Text); };
        Page.PageError += (_, error) => { lock (_browserErrors) _browserErrors.Add("page error: " + error); };
        Ui = new Workspace(Page);
    }

    public virtual async Task DisposeAsync()
    {
        lock (_browserErrors)
            foreach (var error in _browserErrors) Output.WriteLine("[browser] " + error);
        if (Context is not null) await Context.DisposeAsync();
    }

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
