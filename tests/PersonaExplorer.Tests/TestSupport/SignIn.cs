using Microsoft.AspNetCore.Mvc.Testing;
using PersonaExplorer.Features.Accounts;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>Two-people tests: an account that explores and runs studies, and a client signed in through the real login.</summary>
public static class SignIn
{
    /// <summary>The real app on the offline demo model with its own database in <paramref name="dir"/>, started.</summary>
    public static WebApplicationFactory<Program> StartApp(string dir)
    {
        var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in TestDatabase.HostSettings(dir)) b.UseSetting(key, value);
            b.UseSetting("Ai:Provider", "Offline");
        });
        _ = app.Server;
        return app;
    }

    /// <summary>Creates an account (Member and Researcher) and returns its user id (the owner id of everything the person makes).</summary>
    public static Task<string> CreateAccountAsync(WebApplicationFactory<Program> app, string email) =>
        TestAccounts.CreateAsync(app.Services, email, Roles.Researcher);

    /// <summary>A client with the person's sign-in cookie (redirects are not followed, so a 302 to the login stays visible).</summary>
    public static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TestAccounts.SignInAsync(client, email);
        return client;
    }
}
