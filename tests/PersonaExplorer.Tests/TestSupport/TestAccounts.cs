using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Features.Accounts;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>
/// Accounts for tests of the real app: create one with roles straight through Identity, and sign an HttpClient in
/// through the real sign-in form (antiforgery token and all). (Linked into the browser tests as well.)
/// </summary>
public static partial class TestAccounts
{
    /// <summary>Meets the password rules (10+ characters, upper, lower, digit).</summary>
    public const string Password = "Member12345";
    public const string MemberEmail = "member@example.org";
    public const string ResearcherEmail = "researcher@example.org";

    /// <summary>Creates the account (Member plus <paramref name="roles"/>) unless it exists; returns its user id (the owner id).</summary>
    public static async Task<string> CreateAsync(IServiceProvider services, string email, params string[] roles)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByEmailAsync(email) is { } existing) return existing.Id;
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRolesAsync(user, roles.Append(Roles.Member).Distinct()));
        return user.Id;
    }

    /// <summary>Signs <paramref name="client"/> (which must keep cookies) in through POST /account/auth/login; fails unless it is signed in.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password = Password)
    {
        var token = await AntiforgeryTokenAsync(client, AccountEndpoints.LoginPath);
        using var response = await client.PostAsync(AccountEndpoints.LoginPost, Form(token, ("email", email), ("password", password), ("returnUrl", "/")));
        // A client that follows redirects ends on "/", one that does not gets the redirect to "/".
        var location = response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location?.OriginalString : response.RequestMessage?.RequestUri?.PathAndQuery;
        if (location != "/" || (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.OK))
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode} → {location}");
    }

    /// <summary>The antiforgery token of a form page (the client keeps the matching cookie).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return FormToken(html) ?? throw new InvalidOperationException($"No antiforgery token on {page}.");
    }

    /// <summary>The antiforgery token of the first form in <paramref name="html"/>, or null.</summary>
    public static string? FormToken(string html) => TokenRegex().Match(html) is { Success: true } match ? match.Groups[1].Value : null;

    public static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}

/// <summary>
/// TestServer requests carry no client address. This gives them one: the <see cref="Header"/> of the request if set,
/// else loopback (as a browser on the same machine). Register with ConfigureTestServices(s => s.AddTransient&lt;IStartupFilter, TestRemoteAddress&gt;()).
/// </summary>
public sealed class TestRemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext http, Func<Task> nextMiddleware) =>
        {
            http.Connection.RemoteIpAddress = http.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var ip)
                ? ip : http.Connection.RemoteIpAddress ?? IPAddress.Loopback;
            return nextMiddleware();
        });
        next(app);
    };
}
