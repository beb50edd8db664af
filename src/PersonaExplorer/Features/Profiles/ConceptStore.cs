using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles.Versions;

namespace PersonaExplorer.Features.Profiles;

/// <summary>A new concept with everything a proposal or an import carries.</summary>
public sealed record ConceptDraft(string Text, string Category = "general", double Weight = 1.0, bool Enabled = true,
    ConceptSource Source = ConceptSource.Stated, string? Evidence = null, bool IsPrivate = false, Guid? SessionId = null);

/// <summary>A profile already holds <see cref="ConceptRules.MaxPerProfile"/> concepts; nothing was added.</summary>
public sealed class ProfileFullException() : InvalidOperationException(
    $"This profile already holds {ConceptRules.MaxPerProfile} concepts, the most a profile can have. Delete or merge some first.");

/// <summary>
/// A profile's concepts in the database. Every change writes a <see cref="ProfileVersion"/> snapshot in the same
/// transaction (see <see cref="ProfileHistory"/>), so the drawer's edits are versioned too.
/// </summary>
public sealed class ConceptStore(IDbContextFactory<PersonaDbContext> factory, TimeProvider clock)
{
    public static readonly string[] DefaultCategories = ["general", "diet", "budget", "travel", "style", "values", "schedule", "work", "learning"];
    private const string You = ProfileStore.You;

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
        if (!await db.Profiles.AnyAsync(p => p.Id == profileId, ct)) throw ProfileStore.Gone();
        var now = Now;
        await ProfileHistory.EnsureBaselineAsync(db, profileId, now, ct);
        await db.Concepts.Where(c => c.ProfileId == profileId).ExecuteDeleteAsync(ct);
        // Concept ids are global keys: one that now lives in another profile gets a fresh id here.
        var ids = concepts.Select(c => c.Id).ToList();
        var taken = (await db.Concepts.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var seen = new HashSet<Guid>();
        // A concept scoped to a session that no longer exists (deleted, or not this person's) steers nothing: it is left out.
        var sessionIds = concepts.Where(c => c.SessionId is not null).Select(c => c.SessionId!.Value).Distinct().ToList();
        var sessions = (await db.Sessions.Where(s => sessionIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        foreach (var snapshot in concepts.Where(c => c.SessionId is not { } session || sessions.Contains(session)))
        {
            var concept = snapshot.ToConcept(profileId, now);
            if (taken.Contains(concept.Id) || !seen.Add(concept.Id) || concept.Id == Guid.Empty) concept.Id = Guid.NewGuid();
            db.Concepts.Add(concept);
        }
        await TouchProfileAsync(db, profileId, now, ct);
        await db.SaveChangesAsync(ct);
        return await ProfileHistory.RecordAsync(db, profileId, author, summary, now, ct);
    }

    /// <summary>
    /// Removes the concepts scoped to a session that is being deleted, inside the caller's transaction, as a version
    /// of each profile they leave (so the history says where they went).
    /// </summary>
    internal static async Task ForgetSessionAsync(PersonaDbContext db, Guid sessionId, DateTime now, CancellationToken ct)
    {
        var scoped = await db.Concepts.AsNoTracking().Where(c => c.SessionId == sessionId).ToListAsync(ct);
        foreach (var profile in scoped.GroupBy(c => c.ProfileId))
        {
            await ProfileHistory.EnsureBaselineAsync(db, profile.Key, now, ct);
            var ids = profile.Select(c => c.Id).ToList();
            await db.Concepts.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);
            await TouchProfileAsync(db, profile.Key, now, ct);
            await ProfileHistory.RecordAsync(db, profile.Key, You, $"{You}: deleted the session of {string.Join(", ", profile.Select(c => ProfileHistory.Quote(c.Text)))}",
                now, ct, new VersionChange([], ids));
        }
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

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static Task TouchProfileAsync(PersonaDbContext db, Guid profileId, DateTime now, CancellationToken ct) =>
        db.Profiles.Where(p => p.Id == profileId).ExecuteUpdateAsync(u => u.SetProperty(p => p.UpdatedUtc, now), ct);
}
