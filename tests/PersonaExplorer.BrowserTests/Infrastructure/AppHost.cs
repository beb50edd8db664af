using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a real loopback port (Kestrel, port 0), with its own temporary SQLite folder (or its own PostgreSQL database, see TestDatabase).
/// Extra settings (e.g. <c>Ai:OfflineTokenDelayMs</c>) override the root appsettings.json.
/// </summary>
public sealed class AppHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public AppHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "personaexplorer-browser-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(DataDirectory);
        _settings = TestDatabase.HostSettings(DataDirectory);
        _settings["Ai:Provider"] = "Offline";
        _settings["Accounts:LoginAttemptsPerIp"] = "1000"; // every test signs in from 127.0.0.1
        // Every test works as the same member: one person's message and model budget would otherwise span the suite.
        _settings["Limits:MessagesPerWindow"] = "1000";
        _settings["Limits:ModelActionsPerDay"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
        UseKestrel(0);
    }

    public string DataDirectory { get; }

    /// <summary>The address Kestrel really listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri RootUri { get; private set; } = null!;

    /// <summary>Starts Kestrel and reads the bound address from <see cref="IServerAddressesFeature"/>.</summary>
    public AppHost Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The test server exposes no IServerAddressesFeature.");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Kestrel bound no http address: " + string.Join(", ", addresses));
        // Kestrel reports "http://[::]:port" or "http://127.0.0.1:port"; the browser wants a loopback host name.
        var uri = new Uri(address);
        RootUri = new UriBuilder(uri) { Host = "127.0.0.1", Path = "/" }.Uri;
        return this;
    }

    /// <summary>
    /// Empties the profile: concepts are global to the app's database, so a concept one test adds would steer
    /// (or duplicate) the next test's answers. Called before each browser test; sessions are left alone.
    /// </summary>
    public async Task ResetProfileAsync()
    {
        var factory = Services.GetRequiredService<IDbContextFactory<PersonaDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Concepts.ExecuteDeleteAsync();
        // The history goes too: a version stores one change and is read by replaying from the last full snapshot, so
        // concepts deleted behind its back would come back in an old version. The next change records a fresh baseline.
        await db.ProfileVersions.ExecuteDeleteAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Program.cs uses the output folder as content root (the root appsettings.json is copied there);
        // WebApplicationFactory would otherwise pick the project folder and the host refuses a changed root.
        builder.UseContentRoot(AppContext.BaseDirectory);
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) DeleteDataDirectory();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteDataDirectory();
    }

    private void DeleteDataDirectory()
    {
        // SQLite pools connections; clear them so the files can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { /* best effort: a temp folder */ }
        catch (UnauthorizedAccessException) { }
    }
}
