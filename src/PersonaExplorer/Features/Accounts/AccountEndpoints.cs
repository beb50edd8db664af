using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace PersonaExplorer.Features.Accounts;

/// <summary>
/// Sign-in, sign-out, set-up, registration and password change are plain HTTP form posts (a cookie cannot be set over
/// a SignalR circuit). The pages post here; failures redirect back with an error code, never with what was typed.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string RegisterPath = "/account/register";
    public const string PasswordPath = "/account/password";
    public const string SetupPath = "/setup";
    public const string LoginPost = "/account/auth/login";
    public const string LogoutPost = "/account/auth/logout";
    public const string SetupPost = "/account/auth/setup";
    public const string RegisterPost = "/account/auth/register";
    public const string PasswordPost = "/account/auth/password";
    public const string LoginRateLimit = "login";

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var anonymous = app.MapGroup("").AllowAnonymous();
        anonymous.MapPost(LoginPost, LoginAsync).RequireRateLimiting(LoginRateLimit);
        anonymous.MapPost(SetupPost, SetupAsync).RequireRateLimiting(LoginRateLimit);
        anonymous.MapPost(RegisterPost, RegisterAsync).RequireRateLimiting(LoginRateLimit);
        anonymous.MapPost(LogoutPost, async (SignInManager<IdentityUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect(LoginPath + "?signedout=1");
        });
        // The researcher-only pages of earlier versions.
        anonymous.MapGet("/study/login", (HttpContext http) => Results.LocalRedirect(LoginPath + http.Request.QueryString));
        anonymous.MapGet("/study/setup", () => Results.LocalRedirect(SetupPath));
        app.MapPost(PasswordPost, ChangePasswordAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> LoginAsync([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        AccountSignIn accounts)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return Back("missing");
        var outcome = await accounts.SignInAsync(email, password);
        return outcome == SignInOutcome.SignedIn ? Results.LocalRedirect(back) : Back(outcome.ToString().ToLowerInvariant());

        IResult Back(string error) => Results.LocalRedirect($"{LoginPath}?error={error}&returnUrl={Uri.EscapeDataString(back)}");
    }

    private static async Task<IResult> SetupAsync([FromForm] string? email, [FromForm] string? password, [FromForm] string? confirm,
        [FromForm] string? token, HttpContext http, FirstAdmin first, SetupAccess access, SignInManager<IdentityUser> signIn)
    {
        if (await first.AnyAccountAsync()) return Results.LocalRedirect(LoginPath);
        if (!access.Allows(http, token))
            return Results.LocalRedirect($"{SetupPath}?error={Uri.EscapeDataString("The setup token is missing or wrong. The app writes it to its log at start.")}");
        var error = CheckNewAccount(email, password, confirm) ?? await first.CreateAsync(email!, password!);
        if (error is not null) return Results.LocalRedirect($"{SetupPath}?error={Uri.EscapeDataString(error)}");
        await signIn.PasswordSignInAsync(email!.Trim(), password!, isPersistent: false, lockoutOnFailure: false);
        return Results.LocalRedirect("/");
    }

    private static async Task<IResult> RegisterAsync([FromForm] string? email, [FromForm] string? password, [FromForm] string? confirm,
        AccountRegistration registration, SignInManager<IdentityUser> signIn)
    {
        var check = CheckNewAccount(email, password, confirm);
        if (check is not null) return Results.LocalRedirect($"{RegisterPath}?error={Uri.EscapeDataString(check)}");
        var (outcome, error) = await registration.RegisterAsync(email!, password!);
        return outcome switch
        {
            RegistrationOutcome.Active => await SignedInAsync(),
            RegistrationOutcome.Pending => Results.LocalRedirect($"{LoginPath}?error=pending"),
            _ => Results.LocalRedirect($"{RegisterPath}?error={Uri.EscapeDataString(error ?? "Registration failed.")}"),
        };

        async Task<IResult> SignedInAsync()
        {
            await signIn.PasswordSignInAsync(email!.Trim(), password!, isPersistent: false, lockoutOnFailure: false);
            return Results.LocalRedirect("/");
        }
    }

    private static async Task<IResult> ChangePasswordAsync([FromForm] string? current, [FromForm] string? password, [FromForm] string? confirm,
        ClaimsPrincipal principal, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return Results.LocalRedirect(LoginPath);
        string? error = string.IsNullOrEmpty(current) ? "Enter your current password." : CheckNewAccount(user.Email, password, confirm);
        if (error is null)
        {
            var changed = await users.ChangePasswordAsync(user, current!, password!);
            error = changed.Succeeded ? null : string.Join(" ", changed.Errors.Select(e => e.Description));
        }
        if (error is not null) return Results.LocalRedirect($"{PasswordPath}?error={Uri.EscapeDataString(error)}");
        // The new security stamp signs out every other tab and device; this one gets a fresh cookie.
        await signIn.RefreshSignInAsync(user);
        return Results.LocalRedirect($"{PasswordPath}?changed=1");
    }

    private static string? CheckNewAccount(string? email, string? password, string? confirm)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@') || email.Length > 256) return "Enter an e-mail address.";
        if (string.IsNullOrEmpty(password)) return "Enter a password.";
        return password == confirm ? null : "The passwords do not match.";
    }

    /// <summary>Only local paths of this app: never an open redirect.</summary>
    public static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Contains('\\') && !url.Any(char.IsControl) && !url.StartsWith("/account/auth/", StringComparison.Ordinal)
            ? url : "/";
}
