using Microsoft.AspNetCore.Identity;

namespace PersonaExplorer.Features.Accounts;

public enum SignInOutcome { SignedIn, Invalid, Locked, Pending }

/// <summary>
/// The password check behind the sign-in form. An unknown e-mail gets the same answer as a wrong password, after
/// hashing a dummy password for comparable timing. Wrong passwords count towards Identity's lockout; a disabled
/// account is locked out for good (see <see cref="UserAdmin"/>); a pending account is told it waits for an admin
/// (only with the right password).
/// </summary>
public sealed class AccountSignIn(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, DummyPassword dummy, ILogger<AccountSignIn> logger)
{
    public async Task<SignInOutcome> SignInAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            dummy.Verify(password);
            return SignInOutcome.Invalid;
        }
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut) return SignInOutcome.Locked;
        if (!check.Succeeded) return SignInOutcome.Invalid;
        if (await AccountStatus.IsPendingAsync(users, user)) return SignInOutcome.Pending;
        await signIn.SignInAsync(user, isPersistent: false);
        logger.LogInformation("Account {UserId} signed in", user.Id);
        return SignInOutcome.SignedIn;
    }
}

/// <summary>A hash made once at start: verifying against it costs what verifying a real account's password costs.</summary>
public sealed class DummyPassword
{
    private readonly PasswordHasher<IdentityUser> _hasher = new();
    private readonly IdentityUser _user = new();
    private readonly string _hash;

    public DummyPassword() => _hash = _hasher.HashPassword(_user, Guid.NewGuid().ToString("N"));

    public void Verify(string password) => _hasher.VerifyHashedPassword(_user, _hash, password);
}

/// <summary>Pending (waiting for approval) and disabled, as stored by Identity: a user claim and a lockout without end.</summary>
public static class AccountStatus
{
    public const string PendingClaim = "pe:pending";
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    public static async Task<bool> IsPendingAsync(UserManager<IdentityUser> users, IdentityUser user) =>
        (await users.GetClaimsAsync(user)).Any(c => c.Type == PendingClaim);

    public static bool IsDisabled(IdentityUser user) => user.LockoutEnd is { } end && end.Year >= 9999;
}

public enum RegistrationOutcome { Active, Pending, Refused }

/// <summary>Self-registration at /account/register, as the admin's <see cref="RegistrationMode"/> allows.</summary>
public sealed class AccountRegistration(UserManager<IdentityUser> users, AccountSettings settings)
{
    public const string ClosedMessage = "Registration is closed. Ask the admin for an account.";

    public async Task<(RegistrationOutcome Outcome, string? Error)> RegisterAsync(string email, string password)
    {
        var mode = await settings.RegistrationAsync();
        if (mode == RegistrationMode.Closed) return (RegistrationOutcome.Refused, ClosedMessage);
        var user = new IdentityUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // Identity says "Email … is already taken": as good as enumeration, so word it without confirming anything.
            var duplicate = created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName");
            return (RegistrationOutcome.Refused, duplicate ? "This e-mail cannot be registered. If it is yours, sign in." : string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, Roles.Member);
        if (mode == RegistrationMode.Approval)
        {
            await users.AddClaimAsync(user, new System.Security.Claims.Claim(AccountStatus.PendingClaim, "true"));
            return (RegistrationOutcome.Pending, null);
        }
        return (RegistrationOutcome.Active, null);
    }
}
