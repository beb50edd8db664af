using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Accounts;

/// <summary>
/// The real app in-process on a database of its own (or on <paramref name="settings"/> shared with another instance),
/// requests from loopback unless a client names another address.
/// </summary>
public sealed class AccountsApp : IAsyncDisposable
{
    public AccountsApp(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.UseSetting("Ai:Provider", "Offline");
            b.ConfigureTestServices(s =>
            {
                s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, TestRemoteAddress>();
                services?.Invoke(s);
            });
        });
    }

    public WebApplicationFactory<Program> Factory { get; }

    public IServiceProvider Services => Factory.Services;

    /// <summary>A client that keeps cookies (in <paramref name="cookies"/> when given: shared across instances) and does not follow redirects.</summary>
    public HttpClient Client(string? remoteAddress = null, System.Net.CookieContainer? cookies = null)
    {
        var client = cookies is null
            ? Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            : Factory.CreateDefaultClient(new CookieContainerHandler(cookies));
        if (remoteAddress is not null) client.DefaultRequestHeaders.Add(TestRemoteAddress.Header, remoteAddress);
        return client;
    }

    /// <summary>Settings for a new database in <paramref name="dir"/> (plus <paramref name="extra"/>).</summary>
    public static Dictionary<string, string?> NewDatabase(string dir, params (string Key, string Value)[] extra)
    {
        var settings = TestDatabase.HostSettings(dir);
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
