using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Features.Accounts;

/// <summary>
/// First run: the first account is the admin (Admin + Researcher + Member). Exactly one set-up wins, also across
/// processes: each one claims the unique <see cref="AccountSettings.FirstAdminKey"/> row in the transaction that
/// creates the account, so a second one fails on the key (or waits for the first and then fails).
/// </summary>
public sealed class FirstAdmin(IServiceScopeFactory scopes, IUnownedData unowned)
{
    public const string Taken = "An account already exists. Sign in instead.";

    public async Task<bool> AnyAccountAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StudyIdentityDbContext>().Users.AnyAsync(ct);
    }

    /// <returns>null when created, else why not.</returns>
    public async Task<string?> CreateAsync(string email, string password, CancellationToken ct = default)
    {
        string userId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StudyIdentityDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            if (await db.Users.AnyAsync(ct)) return Taken;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claim = new AccountSetting { Key = AccountSettings.FirstAdminKey, Value = "" };
            db.AccountSettings.Add(claim);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { return Taken; }

            var user = new IdentityUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) return string.Join(" ", created.Errors.Select(e => e.Description)); // rolled back: the claim is free again
            var roles = await users.AddToRolesAsync(user, Roles.All);
            if (!roles.Succeeded) return string.Join(" ", roles.Errors.Select(e => e.Description));
            claim.Value = user.Id;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            userId = user.Id;
        }
        await unowned.GiveToAsync(userId, ct);
        return null;
    }
}
