using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Features.Accounts;

public enum AccountState { Active, Pending, Disabled }

public sealed record AccountRow(string Id, string Email, IReadOnlyList<string> Roles, AccountState State);

/// <summary>
/// What /admin/users does. Every change that takes access away updates the security stamp, so the person's open
/// tabs lose it within the revalidation interval and their cookie stops working. The last active admin cannot
/// lose the role or be disabled (nobody could manage users any more). One scope per call: a circuit lives long.
/// </summary>
public sealed class UserAdmin(IServiceScopeFactory scopes)
{
    public const string LastAdmin = "This is the last active admin: make another account admin first.";

    public async Task<IReadOnlyList<AccountRow>> ListAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyIdentityDbContext>();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var pending = (await db.UserClaims.Where(c => c.ClaimType == AccountStatus.PendingClaim).Select(c => c.UserId).ToListAsync(ct)).ToHashSet();
        return [.. users.Select(u => new AccountRow(u.Id, u.Email ?? u.UserName ?? "",
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(n => Roles.All.ToList().IndexOf(n))],
            AccountStatus.IsDisabled(u) ? AccountState.Disabled : pending.Contains(u.Id) ? AccountState.Pending : AccountState.Active))];
    }

    /// <returns>null when created, else why not.</returns>
    public Task<string?> CreateAsync(string email, string password, bool researcher, bool admin) => WithUsersAsync(async users =>
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@')) return "Enter an e-mail address.";
        var user = new IdentityUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return Describe(created);
        List<string> roles = [Roles.Member, .. researcher ? [Roles.Researcher] : Array.Empty<string>(), .. admin ? [Roles.Admin] : Array.Empty<string>()];
        return Describe(await users.AddToRolesAsync(user, roles));
    });

    public Task<string?> SetDisabledAsync(string userId, bool disabled) => WithUserAsync(userId, async (users, user) =>
    {
        if (disabled && await IsLastActiveAdminAsync(users, user)) return LastAdmin;
        await users.SetLockoutEnabledAsync(user, true);
        var result = await users.SetLockoutEndDateAsync(user, disabled ? AccountStatus.DisabledUntil : null);
        if (!result.Succeeded) return Describe(result);
        await users.ResetAccessFailedCountAsync(user);
        return Describe(await users.UpdateSecurityStampAsync(user));
    });

    public Task<string?> ApproveAsync(string userId) => WithUserAsync(userId, async (users, user) =>
    {
        var claims = (await users.GetClaimsAsync(user)).Where(c => c.Type == AccountStatus.PendingClaim).ToList();
        return claims.Count == 0 ? null : Describe(await users.RemoveClaimsAsync(user, claims));
    });

    /// <summary>Adds or removes Researcher or Admin (every account keeps Member: every account may explore).</summary>
    public Task<string?> SetRoleAsync(string userId, string role, bool on) => WithUserAsync(userId, async (users, user) =>
    {
        if (role is not (Roles.Researcher or Roles.Admin)) return "Only Researcher and Admin can be given or taken.";
        if (on == await users.IsInRoleAsync(user, role)) return null;
        if (!on && role == Roles.Admin && await IsLastActiveAdminAsync(users, user)) return LastAdmin;
        if (on) return Describe(await users.AddToRoleAsync(user, role)); // picked up when the cookie is next validated
        var removed = await users.RemoveFromRoleAsync(user, role);
        // A role taken away: a new security stamp ends open tabs that still carry it (they sign in again).
        return removed.Succeeded ? Describe(await users.UpdateSecurityStampAsync(user)) : Describe(removed);
    });

    public Task<string?> ResetPasswordAsync(string userId, string newPassword) => WithUserAsync(userId, async (users, user) =>
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return Describe(await users.ResetPasswordAsync(user, token, newPassword));
    });

    /// <summary>Why this account cannot be deleted (the last active admin), or null.</summary>
    public Task<string?> WhyNotDeleteAsync(string userId) => WithUserAsync(userId, async (users, user) =>
        await IsLastActiveAdminAsync(users, user) ? LastAdmin : null);

    /// <summary>Deletes the sign-in account itself (its data goes first: <see cref="YourData.PersonalData.DeleteAllAsync"/>).</summary>
    public Task<string?> DeleteAsync(string userId) => WithUserAsync(userId, async (users, user) =>
        await IsLastActiveAdminAsync(users, user) ? LastAdmin : Describe(await users.DeleteAsync(user)));

    private static async Task<bool> IsLastActiveAdminAsync(UserManager<IdentityUser> users, IdentityUser user) =>
        await users.IsInRoleAsync(user, Roles.Admin)
        && (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => u.Id != user.Id && !AccountStatus.IsDisabled(u)) == 0;

    private async Task<string?> WithUsersAsync(Func<UserManager<IdentityUser>, Task<string?>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>());
    }

    private Task<string?> WithUserAsync(string userId, Func<UserManager<IdentityUser>, IdentityUser, Task<string?>> action) => WithUsersAsync(async users =>
        await users.FindByIdAsync(userId) is { } user ? await action(users, user) : "This account no longer exists.");

    private static string? Describe(IdentityResult result) => result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
}
