using PersonaExplorer.Features.Accounts;

namespace PersonaExplorer.BrowserTests.Infrastructure;

/// <summary>Signs a Playwright browser context in through the real sign-in form (its request API shares the context's cookies).</summary>
public static class BrowserAccounts
{
    public static async Task SignInAsync(IBrowserContext context, Uri root, string email, string password = PersonaExplorer.Tests.TestSupport.TestAccounts.Password)
    {
        var login = await context.APIRequest.GetAsync(new Uri(root, AccountEndpoints.LoginPath.TrimStart('/')).ToString());
        var token = PersonaExplorer.Tests.TestSupport.TestAccounts.FormToken(await login.TextAsync());
        Assert.False(string.IsNullOrEmpty(token), "The sign-in page has no antiforgery token (is there an account yet?)");
        var form = context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token);
        form.Set("email", email);
        form.Set("password", password);
        form.Set("returnUrl", "/");
        var response = await context.APIRequest.PostAsync(new Uri(root, AccountEndpoints.LoginPost.TrimStart('/')).ToString(),
            new() { Form = form, MaxRedirects = 0 });
        var location = response.Headers.TryGetValue("location", out var l) ? l : "";
        Assert.True(response.Status == 302 && location == "/", $"Sign-in of {email} failed: {response.Status} → {location}");
    }
}
