using Microsoft.AspNetCore.Identity;
using PersonaExplorer.Features.Accounts;

namespace PersonaExplorer.Features.Study;

/// <summary>
/// Sharing a study by e-mail address: only with an account that holds the Researcher role (anyone else could not open
/// the study pages, and must not receive participants' data through them).
/// </summary>
public sealed class StudySharing(StudyStore store, UserManager<IdentityUser> users)
{
    public const string NoResearcher = "No researcher has that e-mail address. A study can be shared only with an account that has the Researcher role (an admin gives it on Users).";

    /// <returns>null when shared, else why not.</returns>
    public async Task<string?> ShareAsync(Guid studyId, string email, CancellationToken ct = default)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        // One answer for an unknown address and for an account without the role: nobody can probe which accounts exist.
        if (user is null || !await users.IsInRoleAsync(user, Roles.Researcher)) return NoResearcher;
        return await store.ShareAsync(studyId, user.Id, ct);
    }

    /// <summary>The e-mail addresses the study is shared with.</summary>
    public async Task<List<string>> SharedWithAsync(Guid studyId, CancellationToken ct = default)
    {
        var emails = new List<string>();
        foreach (var id in await store.SharedWithAsync(studyId, ct))
            emails.Add((await users.FindByIdAsync(id))?.Email ?? "(deleted account)");
        return emails;
    }
}
