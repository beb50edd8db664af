using System.Security.Cryptography;
using System.Text;

namespace PersonaExplorer.Features.Accounts;

/// <summary>
/// Who may use /setup: anyone on this machine (loopback), anyone else only with the one-time token this process
/// writes to its log at start while no account exists. Behind a proxy the forwarded client address counts
/// (Hosting:KnownProxies), so a proxied request is not loopback.
/// </summary>
public sealed class SetupAccess
{
    private string? _token;

    /// <summary>Makes (once) and returns this process's setup token.</summary>
    public string IssueToken()
    {
        var fresh = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        return Interlocked.CompareExchange(ref _token, fresh, null) ?? fresh;
    }

    public static bool IsLoopback(HttpContext http) => http.Connection.RemoteIpAddress is { } ip && System.Net.IPAddress.IsLoopback(ip);

    public bool TokenNeeded(HttpContext http) => !IsLoopback(http);

    public bool Allows(HttpContext http, string? token)
    {
        if (IsLoopback(http)) return true;
        var expected = Volatile.Read(ref _token);
        return expected is not null && token is { Length: > 0 }
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(token.Trim()));
    }
}

/// <summary>At start, after the database is migrated: logs the setup token while no account exists, or gives rows without an owner to the first admin.</summary>
internal sealed class AccountsStartup(FirstAdmin first, AccountSettings settings, SetupAccess setup, IUnownedData unowned,
    IServiceScopeFactory scopes, ILogger<AccountsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await EnsureRolesAsync(ct);
        if (await settings.FirstAdminIdAsync(ct) is { } admin)
            await unowned.GiveToAsync(admin, ct);
        else if (!await first.AnyAccountAsync(ct))
            logger.LogWarning("No account exists yet. Create the admin account at /setup; from another machine it asks for this one-time setup token: {SetupToken}", setup.IssueToken());
    }

    /// <summary>
    /// The three roles, created by the first start (not by the migration, so a freshly migrated database stays empty
    /// for `copy-from-sqlite`). Two instances starting at once: the unique role name lets one insert win.
    /// </summary>
    private async Task EnsureRolesAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            await using var scope = scopes.CreateAsyncScope();
            var roles = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>();
            if (await roles.RoleExistsAsync(role)) continue;
            try { await roles.CreateAsync(new Microsoft.AspNetCore.Identity.IdentityRole(role)); }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                if (!await roles.RoleExistsAsync(role)) throw;
            }
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
