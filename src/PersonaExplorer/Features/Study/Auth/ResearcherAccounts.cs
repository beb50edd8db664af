using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Features.Study.Auth;

/// <summary>First-run creation of the researcher account and the password check behind the login endpoint.</summary>
public sealed class ResearcherAccounts(IServiceScopeFactory scopes)
{
    private static readonly SemaphoreSlim SetupGate = new(1, 1);

    public async Task<bool> AnyAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyIdentityDbContext>();
        return await db.Users.AnyAsync(ct);
    }

    /// <returns>null when created, else why not. Only possible while no researcher exists.</returns>
    public async Task<string?> CreateFirstAsync(string email, string password, CancellationToken ct = default)
    {
        await SetupGate.WaitAsync(ct);
        try
        {
            if (await AnyAsync(ct)) return "A researcher account already exists. Sign in instead.";
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };
            var result = await users.CreateAsync(user, password);
            return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
        }
        finally { SetupGate.Release(); }
    }
}
