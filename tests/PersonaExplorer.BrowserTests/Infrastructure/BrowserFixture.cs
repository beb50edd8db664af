using System.Diagnostics;

namespace PersonaExplorer.BrowserTests.Infrastructure;

/// <summary>
/// Shared by every browser test (one xunit collection): one app host and one headless Chromium.
/// Tests open their own browser context (fresh cookies/storage) per test.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Arguments verified for system Chromium on this machine kind (see STACK-NOTES).</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public AppHost App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Seconds from fixture start to "app listening" and "browser launched" (printed by tests).</summary>
    public string StartupReport { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Fail (never skip) when the browser is missing: a skipped UI test suite looks green in CI.
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Chromium not found at {ChromiumPath}; run tests/run.sh which installs it, or apt-get install -y chromium " +
                "(or point the CHROMIUM_PATH environment variable at a Chromium/Chrome executable).");

        var clock = Stopwatch.StartNew();
        var browserTask = LaunchBrowserAsync();
        App = await Task.Run(() => new AppHost().Start());
        var appSeconds = clock.Elapsed.TotalSeconds;
        Browser = await browserTask;
        StartupReport = $"app host {App.RootUri} ready after {appSeconds:0.0}s, Chromium {Browser.Version} after {clock.Elapsed.TotalSeconds:0.0}s; " +
                        $"screenshots in {Paths.Artifacts}";
        Console.WriteLine("[browser-tests] " + StartupReport);
    }

    private async Task<IBrowser> LaunchBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>A second, independent host (own database) with different settings, for tests that need them.</summary>
    public static Task<AppHost> StartHostAsync(IReadOnlyDictionary<string, string?> settings) =>
        Task.Run(() => new AppHost(settings).Start());

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
