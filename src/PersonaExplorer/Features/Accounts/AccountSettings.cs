using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Features.Accounts;

/// <summary>Who may create an account: anyone, anyone but an admin approves, or only the admin.</summary>
public enum RegistrationMode { Open, Approval, Closed }

/// <summary>App-wide account settings stored in the database (so every instance sees the admin's choice).</summary>
public sealed class AccountSettings(IServiceScopeFactory scopes)
{
    public const string FirstAdminKey = "first-admin";
    public const string RegistrationKey = "registration-mode";

    public async Task<RegistrationMode> RegistrationAsync(CancellationToken ct = default)
    {
        var value = await GetAsync(RegistrationKey, ct);
        return Enum.TryParse<RegistrationMode>(value, out var mode) ? mode : RegistrationMode.Open;
    }

    public Task SetRegistrationAsync(RegistrationMode mode, CancellationToken ct = default) => SetAsync(RegistrationKey, mode.ToString(), ct);

    /// <summary>The id of the account created at /setup (or, for an upgraded database, its oldest researcher); null before set-up.</summary>
    public async Task<string?> FirstAdminIdAsync(CancellationToken ct = default) =>
        await GetAsync(FirstAdminKey, ct) is { Length: > 0 } id ? id : null;

    private async Task<string?> GetAsync(string key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyIdentityDbContext>();
        return await db.AccountSettings.Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(ct);
    }

    private async Task SetAsync(string key, string value, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyIdentityDbContext>();
        var row = await db.AccountSettings.FindAsync([key], ct);
        if (row is null) db.AccountSettings.Add(new AccountSetting { Key = key, Value = value });
        else row.Value = value;
        await db.SaveChangesAsync(ct);
    }
}
