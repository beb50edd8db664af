using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles.Versions;

namespace PersonaExplorer.Features.Profiles;

/// <summary>One row of the profile list.</summary>
public sealed record ProfileSummary(Guid Id, string Name, bool IsActive, int ConceptCount, DateTime UpdatedUtc);

/// <summary>
/// A person's profiles in the database: the active one, the list, create, rename, duplicate, delete. Their concepts are
/// the <see cref="ConceptStore"/>'s; which concepts steer an answer, <see cref="Steering.SteeringConcepts"/>'.
/// </summary>
public sealed class ProfileStore(IDbContextFactory<PersonaDbContext> factory, TimeProvider clock)
{
    public const int MaxNameLength = 120;
    public const string You = "you";

    /// <summary>The person's active profile; their first profile when none is chosen, a new "My profile" when they have none.</summary>
    public async Task<Profile> GetActiveAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var owner = db.Owner ?? "";
        var activeId = await db.ActiveProfiles.Where(a => a.OwnerId == owner).Select(a => (Guid?)a.ProfileId).FirstOrDefaultAsync(ct);
        var profile = await db.Profiles.AsNoTracking().Include(p => p.Concepts)
            .OrderByDescending(p => p.Id == activeId).ThenBy(p => p.CreatedUtc).FirstOrDefaultAsync(ct);
        if (profile is null)
        {
            profile = new Profile { Name = "My profile" };
            db.Profiles.Add(profile);
            db.ActiveProfiles.Add(new ActiveProfile { OwnerId = owner, ProfileId = profile.Id });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                // Two tabs of a new person at once: the other one created their profile; use it.
                db.ChangeTracker.Clear();
                return await GetActiveAsync(ct);
            }
        }
        profile.Concepts = profile.Concepts.OrderBy(c => c.SortOrder).ThenBy(c => c.CreatedUtc).ToList();
        return profile;
    }

    /// <summary>The id of the person's active profile, or null when they have no profile yet.</summary>
    public async Task<Guid?> ActiveIdAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ActiveIdAsync(db, ct);
    }

    internal static async Task<Guid?> ActiveIdAsync(PersonaDbContext db, CancellationToken ct)
    {
        var owner = db.Owner ?? "";
        return await db.ActiveProfiles.Where(a => a.OwnerId == owner).Select(a => (Guid?)a.ProfileId).FirstOrDefaultAsync(ct)
            ?? await db.Profiles.OrderBy(p => p.CreatedUtc).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<Profile?> GetAsync(Guid profileId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var profile = await db.Profiles.AsNoTracking().Include(p => p.Concepts).FirstOrDefaultAsync(p => p.Id == profileId, ct);
        if (profile is not null) profile.Concepts = profile.Concepts.OrderBy(c => c.SortOrder).ThenBy(c => c.CreatedUtc).ToList();
        return profile;
    }

    public async Task<IReadOnlyList<ProfileSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var active = await ActiveIdAsync(db, ct);
        var rows = await db.Profiles.AsNoTracking()
            .Select(p => new ProfileSummary(p.Id, p.Name, p.Id == active, p.Concepts.Count, p.UpdatedUtc)).ToListAsync(ct);
        return rows.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <returns>null when the name is acceptable, otherwise the reason.</returns>
    public static string? CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "A profile needs a name, e.g. \"Work trips\".";
        if (name.Contains('\0')) return "A profile name cannot contain a NUL character (U+0000).";
        if (name.Trim().Length > MaxNameLength) return $"Profile names are at most {MaxNameLength} characters.";
        return null;
    }

    /// <summary>Creates an empty profile (version 1: "created"); the name gets " (2)" etc. when taken.</summary>
    public async Task<Profile> CreateAsync(string name, CancellationToken ct = default)
    {
        if (CheckName(name) is { } error) throw new ArgumentException(error, nameof(name));
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = Now;
        var profile = new Profile { Name = await UniqueNameAsync(db, name.Trim(), null, ct), CreatedUtc = now, UpdatedUtc = now };
        db.Profiles.Add(profile);
        await db.SaveChangesAsync(ct);
        await ProfileHistory.RecordAsync(db, profile.Id, You, $"you: created {ProfileHistory.Quote(profile.Name)}", now, ct);
        await tx.CommitAsync(ct);
        return profile;
    }

    public async Task<string> RenameAsync(Guid profileId, string name, CancellationToken ct = default)
    {
        if (CheckName(name) is { } error) throw new ArgumentException(error, nameof(name));
        await using var db = await factory.CreateDbContextAsync(ct);
        var profile = await db.Profiles.FirstOrDefaultAsync(p => p.Id == profileId, ct) ?? throw Gone();
        profile.Name = await UniqueNameAsync(db, name.Trim(), profileId, ct);
        profile.UpdatedUtc = Now;
        await db.SaveChangesAsync(ct);
        return profile.Name;
    }

    /// <summary>A copy with new concept ids; its history starts at v1 "duplicate of …".</summary>
    public async Task<Profile> DuplicateAsync(Guid profileId, string? name = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var source = await db.Profiles.AsNoTracking().Include(p => p.Concepts).FirstOrDefaultAsync(p => p.Id == profileId, ct) ?? throw Gone();
        var now = Now;
        var wanted = string.IsNullOrWhiteSpace(name) ? $"{source.Name} (copy)" : name.Trim();
        if (CheckName(wanted) is { } error) throw new ArgumentException(error, nameof(name));
        var copy = new Profile { Name = await UniqueNameAsync(db, wanted, null, ct), CreatedUtc = now, UpdatedUtc = now };
        foreach (var c in source.Concepts)
        {
            var concept = ConceptSnapshot.From(c).ToConcept(copy.Id, now);
            concept.Id = Guid.NewGuid();
            copy.Concepts.Add(concept);
        }
        db.Profiles.Add(copy);
        await db.SaveChangesAsync(ct);
        await ProfileHistory.RecordAsync(db, copy.Id, You, $"you: duplicate of {ProfileHistory.Quote(source.Name)}", now, ct);
        await tx.CommitAsync(ct);
        return copy;
    }

    /// <summary>Deletes a profile with its concepts, versions and proposals. The last profile cannot be deleted; deleting the active one activates another.</summary>
    /// <returns>Whose profile it was (the event log needs it once the row is gone).</returns>
    public async Task<string> DeleteProfileAsync(Guid profileId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var profile = await db.Profiles.FirstOrDefaultAsync(p => p.Id == profileId, ct) ?? throw Gone();
        if (await db.Profiles.CountAsync(ct) <= 1) throw new InvalidOperationException("The last profile cannot be deleted; create another one first.");
        var wasActive = await ActiveIdAsync(db, ct) == profileId;
        db.Profiles.Remove(profile); // the person's active-profile row cascades
        await db.SaveChangesAsync(ct);
        if (wasActive)
        {
            var next = await db.Profiles.OrderByDescending(p => p.UpdatedUtc).Select(p => p.Id).FirstAsync(ct);
            await SetActiveAsync(db, next, ct);
        }
        await tx.CommitAsync(ct);
        return profile.OwnerId;
    }

    /// <summary>Makes this profile the one that steers answers.</summary>
    public async Task SetActiveAsync(Guid profileId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Profiles.AnyAsync(p => p.Id == profileId, ct)) throw Gone();
        await SetActiveAsync(db, profileId, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task SetActiveAsync(PersonaDbContext db, Guid profileId, CancellationToken ct)
    {
        var owner = db.Owner ?? "";
        if (await db.ActiveProfiles.Where(a => a.OwnerId == owner).ExecuteUpdateAsync(u => u.SetProperty(a => a.ProfileId, profileId), ct) == 0)
        {
            db.ActiveProfiles.Add(new ActiveProfile { OwnerId = owner, ProfileId = profileId });
            await db.SaveChangesAsync(ct);
        }
    }


    internal static async Task<string> UniqueNameAsync(PersonaDbContext db, string name, Guid? except, CancellationToken ct)
    {
        var names = (await db.Profiles.Where(p => except == null || p.Id != except).Select(p => p.Name).ToListAsync(ct))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!names.Contains(name)) return name;
        for (var i = 2; ; i++)
        {
            var suffix = $" ({i})";
            var candidate = (name.Length + suffix.Length > MaxNameLength ? name[..(MaxNameLength - suffix.Length)] : name) + suffix;
            if (!names.Contains(candidate)) return candidate;
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    internal static InvalidOperationException Gone() => new("That profile no longer exists.");
}
