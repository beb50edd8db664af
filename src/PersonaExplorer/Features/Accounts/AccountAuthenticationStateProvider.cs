using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PersonaExplorer.Features.Accounts;

/// <summary>
/// Re-checks a circuit's account every <see cref="AccountsOptions.RevalidationInterval"/> (as the Blazor Identity
/// template does): a disabled account, a changed password or changed roles change the security stamp, and the open tab
/// becomes anonymous, so its pages redirect to sign-in.
/// </summary>
internal sealed class AccountAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity, IOptions<AccountsOptions> accounts) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => accounts.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || AccountStatus.IsDisabled(user)) return false;
        var stamp = state.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
