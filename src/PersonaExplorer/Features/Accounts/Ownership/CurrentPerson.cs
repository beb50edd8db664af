using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace PersonaExplorer.Features.Accounts.Ownership;

/// <summary>
/// Whose data this scope (a circuit, a request, a simulated participant) works on. The stores ask it for the owner id:
/// a signed-in person's Identity user id, or a participant owner set explicitly by the participant flow or the simulator.
/// Set once per scope: a participant's circuit never turns into anyone else's.
/// </summary>
public sealed class CurrentPerson(AuthenticationStateProvider? auth = null, IHttpContextAccessor? http = null)
{
    public const string ParticipantPrefix = "participant:";

    private string? _fixed;

    /// <summary>A scope that always works for one owner (tests, background work that captured its owner).</summary>
    public static CurrentPerson For(string ownerId)
    {
        var person = new CurrentPerson();
        person.ActAs(ownerId);
        return person;
    }

    public static string ParticipantOwner(Guid participantId) => ParticipantPrefix + participantId.ToString("N");

    public static bool IsParticipant(string ownerId) => ownerId.StartsWith(ParticipantPrefix, StringComparison.Ordinal);

    /// <summary>True once the participant flow (or simulator) made this scope a participant's.</summary>
    public bool IsParticipantScope => _fixed is { } id && IsParticipant(id);

    /// <summary>Fixes the owner of this scope. A scope already fixed to someone else refuses: that would mix two people's data.</summary>
    public void ActAs(string ownerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        if (_fixed is { } current && current != ownerId) throw new InvalidOperationException("This workspace already belongs to someone else.");
        _fixed = ownerId;
    }

    public async ValueTask<string> OwnerIdAsync()
    {
        if (_fixed is { } id) return id;
        return OwnerOf(await UserAsync());
    }

    /// <summary>The signed-in principal (anonymous when nobody is signed in).</summary>
    public async ValueTask<ClaimsPrincipal> UserAsync()
    {
        if (auth is not null)
        {
            try { return (await auth.GetAuthenticationStateAsync()).User; }
            catch (InvalidOperationException) { } // outside a component scope (minimal API endpoint): the request's user
        }
        return http?.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());
    }

    /// <summary>
    /// The signed-in person's id. Nobody signed in owns nothing: the sign-in gate keeps anonymous visitors away from
    /// every page that reads a store, so reaching a store anonymously is a bug that must fail, never a shared owner.
    /// </summary>
    public static string OwnerOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id
            ? id
            : throw new UnauthorizedAccessException("Nobody is signed in: this data belongs to a person (sign in first).");
}
