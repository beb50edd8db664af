using System.ComponentModel.DataAnnotations;

namespace PersonaExplorer.Features.Accounts;

/// <summary>The <c>Accounts</c> settings section (validated at start).</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>How often an open tab re-checks its account (disabled, roles, password changed).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sign-in attempts one IP address may post per <see cref="LoginWindow"/>.</summary>
    [Range(1, 10_000)]
    public int LoginAttemptsPerIp { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(1);
}
