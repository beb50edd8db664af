using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>
/// Real accounts and real sign-ins over HTTP, in one place: after the accounts work lands, point <see cref="LoginPage"/>
/// and <see cref="LoginPost"/> at the new login and every test that signs people in follows.
/// </summary>
public static partial class SignIn
{
    public const string LoginPage = "/study/login";
    public const string LoginPost = "/study/auth/login";
    public const string Password = "Correct-horse-42";

    /// <summary>Creates an account and returns its user id (the owner id of everything the person makes).</summary>
    public static async Task<string> CreateAccountAsync(WebApplicationFactory<Program> app, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    /// <summary>A client with the person's sign-in cookie (redirects are not followed, so a 302 to the login stays visible).</summary>
    public static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = TokenRegex().Match(await client.GetStringAsync(LoginPage)).Groups[1].Value;
        var response = await client.PostAsync(LoginPost, new FormUrlEncodedContent([new("__RequestVerificationToken", token),
            new("email", email), new("password", Password), new("returnUrl", "/")]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error", response.Headers.Location?.OriginalString ?? "");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
