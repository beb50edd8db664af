namespace PersonaExplorer.BrowserTests.Infrastructure;

/// <summary>
/// A browser test on an app host of its own (own database, own settings) instead of the shared one: for tests that
/// need a slow demo model or a first researcher account. Started before the page opens, disposed after the test.
/// </summary>
public abstract class OwnHostBrowserTest(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private AppHost? _ownHost;

    /// <summary>Settings of this test's host (e.g. <c>Ai:OfflineTokenDelayMs</c>).</summary>
    protected abstract IReadOnlyDictionary<string, string?> HostSettings { get; }

    public override async Task InitializeAsync()
    {
        _ownHost = await BrowserFixture.StartHostAsync(HostSettings);
        App = _ownHost;
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownHost is not null) await _ownHost.DisposeAsync();
    }
}
