using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles.Versions;

namespace PersonaExplorer.Features.Profiles;

/// <summary>One row of the profile list.</summary>
public sealed record ProfileSummary(Guid Id, string Name, bool IsActive, int ConceptCount, DateTime UpdatedUtc);

/// <summary>A new concept with everything a proposal or an import carries.</summary>
public sealed record ConceptDraft(string Text, string Category = "general", double Weight = 1.0, bool Enabled = true,
    ConceptSource Source = ConceptSource.Stated, string? Evidence = null, bool IsPrivate = false, Guid? SessionId = null);

/// <summary>A profile already holds <see cref="ConceptRules.MaxPerProfile"/> concepts; nothing was added.</summary>
public sealed class ProfileFullException() : InvalidOperationException(
    $"This profile already holds {ConceptRules.MaxPerProfile} concepts, the most a profile can have. Delete or merge some first.");

/// <summary>
/// Profiles and their concepts in the database. Every change to a profile's concepts writes a <see cref="ProfileVersion"/>
/// snapshot in the same transaction (see <see cref="ProfileHistory"/>), so the drawer's edits are versioned too.
/// </summary>
public sealed class ProfileStore(IDbContextFactory<PersonaDbContext> factory, TimeProvider clock)
{
    public static readonly string[] DefaultCategories = ["general", "diet", "budget", "travel", "style", "values", "schedule", "work", "learning"];
    public const int MaxNameLength = 120;
    public const string You = "you";

    // ---------------------------------------------------------------- profiles

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
    public async Task DeleteProfileAsync(Guid profileId, CancellationToken ct = default)
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

    // ---------------------------------------------------------------- prompt

    /// <summary>The concepts that go into a prompt: enabled, in scope for this session, and not private unless the model runs locally.</summary>
    public async Task<IReadOnlyList<PromptConcept>> PromptConceptsAsync(Guid profileId, Guid? sessionId, ModelInfo model, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var concepts = await db.Concepts.AsNoTracking()
            .Where(c => c.ProfileId == profileId && c.Enabled && (c.SessionId == null || c.SessionId == sessionId))
            .OrderBy(c => c.SortOrder).ThenBy(c => c.CreatedUtc).ToListAsync(ct);
        return SelectPromptConcepts(concepts.Select(ConceptSnapshot.From), sessionId, model);
    }

    /// <summary>
    /// Concepts the person turned off (disabled or set to weight 0) since this session began, that the model may see:
    /// earlier answers in the session followed them, so the prompt names them as turned off.
    /// </summary>
    public async Task<IReadOnlyList<string>> TurnedOffDuringAsync(Guid profileId, Guid sessionId, ModelInfo model, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var began = await db.Sessions.Where(s => s.Id == sessionId).Select(s => (DateTime?)s.CreatedUtc).FirstOrDefaultAsync(ct);
        if (began is not { } since) return [];
        var concepts = await db.Concepts.AsNoTracking()
            .Where(c => c.ProfileId == profileId && (!c.Enabled || c.Weight == 0) && c.UpdatedUtc >= since && (c.SessionId == null || c.SessionId == sessionId))
            .OrderBy(c => c.SortOrder).ThenBy(c => c.CreatedUtc).ToListAsync(ct);
        return concepts.Where(c => model.IsLocal || !c.IsPrivate).Select(c => c.Text).ToList();
    }

    /// <summary>The same rule as <see cref="PromptConceptsAsync"/> for concepts in memory (versions, imports, the steering evaluation).</summary>
    public static IReadOnlyList<PromptConcept> SelectPromptConcepts(IEnumerable<ConceptSnapshot> concepts, Guid? sessionId, ModelInfo model) =>
        concepts.Where(c => c.Enabled && (c.SessionId == null || c.SessionId == sessionId) && (model.IsLocal || !c.IsPrivate))
            .OrderBy(c => c.SortOrder)
            .Select(c => new PromptConcept(c.Text, c.Category, c.Weight)).ToList();

    // ---------------------------------------------------------------- concepts

    /// <returns>null when the text is acceptable, otherwise the reason.</returns>
    public static string? CheckText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "A concept needs some text, e.g. \"prefers vegetarian food\".";
        if (text.Contains('\0')) return "A concept cannot contain a NUL character (U+0000).";
        if (text.Trim().Length > ConceptRules.MaxTextLength)
            return $"Concepts are short statements: at most {ConceptRules.MaxTextLength} characters (this one has {text.Trim().Length:N0}).";
        return null;
    }

    public Task<Concept> AddAsync(Guid profileId, string text, string category, ConceptSource source, CancellationToken ct = default) =>
        AddAsync(profileId, new ConceptDraft(text, category, Source: source), You, null, ct);

    /// <param name="author">Who made the change ("you", "import", "curator").</param>
    /// <param name="summary">Version summary; default "{author}: added '…'".</param>
    public async Task<Concept> AddAsync(Guid profileId, ConceptDraft draft, string author, string? summary = null, CancellationToken ct = default)
    {
        if (CheckText(draft.Text) is { } error) throw new ArgumentException(error, nameof(draft));
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = Now;
        await ProfileHistory.EnsureBaselineAsync(db, profileId, now, ct);
        if (await db.Concepts.CountAsync(c => c.ProfileId == profileId, ct) >= ConceptRules.MaxPerProfile) throw new ProfileFullException();
        var concept = new Concept
        {
            ProfileId = profileId, Text = draft.Text.Trim(), Category = CleanCategory(draft.Category), Source = draft.Source,
            Weight = Math.Clamp(double.IsFinite(draft.Weight) ? draft.Weight : 1, -1, 1), Enabled = draft.Enabled,
            Evidence = CleanEvidence(draft.Evidence), IsPrivate = draft.IsPrivate, SessionId = draft.SessionId,
            SortOrder = (await db.Concepts.Where(c => c.ProfileId == profileId).MaxAsync(c => (int?)c.SortOrder, ct) ?? 0) + 1,
            CreatedUtc = now, UpdatedUtc = now,
        };
        db.Concepts.Add(concept);
        await TouchProfileAsync(db, profileId, now, ct);
        await db.SaveChangesAsync(ct);
        await ProfileHistory.RecordAsync(db, profileId, author, summary ?? $"{author}: added {ProfileHistory.Quote(concept.Text)}", now, ct, VersionChange.Upsert(concept));
        await tx.CommitAsync(ct);
        return concept;
    }

    /// <summary>Saves an edited concept. Changing the text marks it as edited by the person.</summary>
    public Task<Concept> UpdateAsync(Concept changed, CancellationToken ct = default) => UpdateAsync(changed, You, null, ct);

    public async Task<Concept> UpdateAsync(Concept changed, string author, string? summary = null, CancellationToken ct = default)
    {
        if (CheckText(changed.Text) is { } error) throw new ArgumentException(error, nameof(changed));
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var concept = await db.Concepts.FirstOrDefaultAsync(c => c.Id == changed.Id, ct)
            ?? throw new InvalidOperationException("That concept no longer exists.");
        var now = Now;
        await ProfileHistory.EnsureBaselineAsync(db, concept.ProfileId, now, ct);
        var before = Copy(concept);
        if (concept.Text != changed.Text.Trim()) concept.Source = ConceptSource.Edited;
        concept.Text = changed.Text.Trim();
        concept.Category = CleanCategory(changed.Category);
        concept.Weight = Math.Clamp(changed.Weight, -1, 1);
        concept.Enabled = changed.Enabled;
        concept.IsPrivate = changed.IsPrivate;
        concept.SessionId = changed.SessionId;
        concept.UpdatedUtc = now;
        await TouchProfileAsync(db, concept.ProfileId, now, ct);
        await db.SaveChangesAsync(ct);
        await ProfileHistory.RecordAsync(db, concept.ProfileId, author, summary ?? ProfileHistory.DescribeUpdate(author, before, concept), now, ct, VersionChange.Upsert(concept));
        await tx.CommitAsync(ct);
        return concept;
    }

    public Task DeleteAsync(Guid conceptId, CancellationToken ct = default) => DeleteAsync(conceptId, You, ct);

    public async Task DeleteAsync(Guid conceptId, string author, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var concept = await db.Concepts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conceptId, ct);
        if (concept is null) return;
        var now = Now;
        await ProfileHistory.EnsureBaselineAsync(db, concept.ProfileId, now, ct);
        await db.Concepts.Where(c => c.Id == conceptId).ExecuteDeleteAsync(ct);
        await TouchProfileAsync(db, concept.ProfileId, now, ct);
        await ProfileHistory.RecordAsync(db, concept.ProfileId, author, $"{author}: deleted {ProfileHistory.Quote(concept.Text)}", now, ct, VersionChange.Remove(concept.Id));
        await tx.CommitAsync(ct);
    }

    /// <summary>Undo of a delete: puts the same concept (same id, order and source) back.</summary>
    public async Task RestoreAsync(Concept deleted, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Concepts.AnyAsync(c => c.Id == deleted.Id, ct)) return;
        if (await db.Concepts.CountAsync(c => c.ProfileId == deleted.ProfileId, ct) >= ConceptRules.MaxPerProfile) throw new ProfileFullException();
        var now = Now;
        db.Concepts.Add(Copy(deleted));
        await TouchProfileAsync(db, deleted.ProfileId, now, ct);
        await db.SaveChangesAsync(ct);
        await ProfileHistory.RecordAsync(db, deleted.ProfileId, You, $"you: undid delete of {ProfileHistory.Quote(deleted.Text)}", now, ct, VersionChange.Upsert(deleted));
        await tx.CommitAsync(ct);
    }

    /// <summary>Replaces all concepts of a profile (restore of a version, import into a profile) as one new version.</summary>
    public async Task<ProfileVersion> ReplaceConceptsAsync(Guid profileId, IReadOnlyList<ConceptSnapshot> concepts, string author, string summary, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var version = await ReplaceConceptsAsync(db, profileId, concepts, author, summary, ct);
        await tx.CommitAsync(ct);
        return version;
    }

    /// <summary>The body of <see cref="ReplaceConceptsAsync(Guid, IReadOnlyList{ConceptSnapshot}, string, string, CancellationToken)"/> inside the caller's transaction.</summary>
    internal async Task<ProfileVersion> ReplaceConceptsAsync(PersonaDbContext db, Guid profileId, IReadOnlyList<ConceptSnapshot> concepts, string author, string summary, CancellationToken ct)
    {
        if (!await db.Profiles.AnyAsync(p => p.Id == profileId, ct)) throw Gone();
        var now = Now;
        await ProfileHistory.EnsureBaselineAsync(db, profileId, now, ct);
        await db.Concepts.Where(c => c.ProfileId == profileId).ExecuteDeleteAsync(ct);
        // Concept ids are global keys: one that now lives in another profile gets a fresh id here.
        var ids = concepts.Select(c => c.Id).ToList();
        var taken = (await db.Concepts.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var seen = new HashSet<Guid>();
        foreach (var snapshot in concepts)
        {
            var concept = snapshot.ToConcept(profileId, now);
            if (taken.Contains(concept.Id) || !seen.Add(concept.Id) || concept.Id == Guid.Empty) concept.Id = Guid.NewGuid();
            db.Concepts.Add(concept);
        }
        await TouchProfileAsync(db, profileId, now, ct);
        await db.SaveChangesAsync(ct);
        return await ProfileHistory.RecordAsync(db, profileId, author, summary, now, ct);
    }

    public static Concept Copy(Concept c) => new()
    {
        Id = c.Id, ProfileId = c.ProfileId, Text = c.Text, Category = c.Category, Weight = c.Weight, Enabled = c.Enabled,
        Source = c.Source, Evidence = c.Evidence, IsPrivate = c.IsPrivate, SessionId = c.SessionId, SortOrder = c.SortOrder,
        CreatedUtc = c.CreatedUtc, UpdatedUtc = c.UpdatedUtc,
    };

    internal static string CleanCategory(string? category)
    {
        var c = (category ?? "").Trim().ToLowerInvariant();
        return c.Length is 0 or > 40 ? "general" : c;
    }

    private static string? CleanEvidence(string? evidence)
    {
        if (string.IsNullOrWhiteSpace(evidence)) return null;
        var e = evidence.Trim();
        return e.Length <= 1000 ? e : e[..999] + "…";
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

    private static InvalidOperationException Gone() => new("That profile no longer exists.");

    private static Task TouchProfileAsync(PersonaDbContext db, Guid profileId, DateTime now, CancellationToken ct) =>
        db.Profiles.Where(p => p.Id == profileId).ExecuteUpdateAsync(u => u.SetProperty(p => p.UpdatedUtc, now), ct);
}
