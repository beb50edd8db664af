using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace PersonaExplorer.Features.Study.Auth;

/// <summary>
/// Researcher sign-in and sign-out are plain HTTP form posts (a cookie cannot be set over a SignalR circuit).
/// The login and setup pages post here; failures redirect back with an error code.
/// </summary>
public static class StudyAuthEndpoints
{
    public const string LoginPath = "/study/login";
    public const string SetupPath = "/study/setup";
    public const string LoginPost = "/study/auth/login";
    public const string SetupPost = "/study/auth/setup";
    public const string LogoutPost = "/study/auth/logout";

    public static IEndpointRouteBuilder MapStudyAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost(LoginPost, LoginAsync);
        app.MapPost(SetupPost, SetupAsync);
        app.MapPost(LogoutPost, async (SignInManager<IdentityUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect(LoginPath + "?signedout=1");
        }).RequireAuthorization(StudyAuth.Policy);
        return app;
    }

    private static async Task<IResult> LoginAsync([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInManager<IdentityUser> signIn, ILoggerFactory logs)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return Results.LocalRedirect($"{LoginPath}?error=missing&returnUrl={Uri.EscapeDataString(back)}");
        // lockoutOnFailure: repeated wrong passwords lock the account for a while (see AddStudy).
        var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logs.CreateLogger("PersonaExplorer.Study.Auth").LogInformation("Researcher signed in");
            return Results.LocalRedirect(back);
        }
        var error = result.IsLockedOut ? "locked" : "invalid";
        return Results.LocalRedirect($"{LoginPath}?error={error}&returnUrl={Uri.EscapeDataString(back)}");
    }

    private static async Task<IResult> SetupAsync([FromForm] string? email, [FromForm] string? password, [FromForm] string? confirm,
        ResearcherAccounts accounts, SignInManager<IdentityUser> signIn)
    {
        if (await accounts.AnyAsync()) return Results.LocalRedirect(LoginPath);
        string? error = null;
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@')) error = "Enter an e-mail address.";
        else if (string.IsNullOrEmpty(password) || password != confirm) error = "The passwords do not match.";
        else error = await accounts.CreateFirstAsync(email, password);
        if (error is not null) return Results.LocalRedirect($"{SetupPath}?error={Uri.EscapeDataString(error)}");
        await signIn.PasswordSignInAsync(email!.Trim(), password!, isPersistent: false, lockoutOnFailure: false);
        return Results.LocalRedirect("/study");
    }

    /// <summary>Only local study paths: never an open redirect.</summary>
    public static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 } && url.StartsWith("/study", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url : "/study";
}

public static class StudyAuth
{
    public const string Policy = "Researcher";
}
