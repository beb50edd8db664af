using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Profiles.Versions;

public enum ConceptChangeKind { Added, Removed, Changed }

/// <summary>One concept that differs between two versions; for changed text, a word-level diff.</summary>
public sealed record ConceptChange(ConceptChangeKind Kind, ConceptSnapshot? Before, ConceptSnapshot? After, IReadOnlyList<string> Fields, IReadOnlyList<DiffSegment> TextDiff)
{
    public string Text => After?.Text ?? Before?.Text ?? "";
}

/// <summary>Version list, snapshots, diffs and restore.</summary>
public sealed class ProfileVersions(IDbContextFactory<PersonaDbContext> factory, ConceptStore store)
{
    public async Task<IReadOnlyList<ProfileVersion>> ListAsync(Guid profileId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ProfileVersions.AsNoTracking().Where(v => v.ProfileId == profileId)
            .OrderByDescending(v => v.Number).ToListAsync(ct);
    }

    public async Task<ProfileVersion?> GetAsync(Guid profileId, int number, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ProfileVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ProfileId == profileId && v.Number == number, ct);
    }

    /// <summary>The concepts of one version (null when it does not exist).</summary>
    public async Task<IReadOnlyList<ConceptSnapshot>?> ConceptsAsync(Guid profileId, int number, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ProfileHistory.ConceptsAtAsync(db, profileId, number, ct);
    }

    /// <summary>Puts the profile back to version <paramref name="number"/>; this creates a new version "restore of vN".</summary>
    public async Task<ProfileVersion> RestoreAsync(Guid profileId, int number, CancellationToken ct = default)
    {
        var concepts = await ConceptsAsync(profileId, number, ct) ?? throw new InvalidOperationException($"Version {number} does not exist.");
        return await store.ReplaceConceptsAsync(profileId, concepts, ProfileStore.You, $"restore of v{number}", ct);
    }

    /// <summary>Concept-level diff: matched by id, then by normalized text.</summary>
    public static IReadOnlyList<ConceptChange> Diff(IReadOnlyList<ConceptSnapshot> before, IReadOnlyList<ConceptSnapshot> after)
    {
        var changes = new List<ConceptChange>();
        var unmatched = after.ToList();
        var pairs = new List<(ConceptSnapshot Old, ConceptSnapshot New)>();
        var removed = new List<ConceptSnapshot>();
        foreach (var old in before)
        {
            var match = unmatched.FirstOrDefault(n => n.Id == old.Id)
                ?? unmatched.FirstOrDefault(n => ConceptText.Normalize(n.Text) == ConceptText.Normalize(old.Text));
            if (match is null) removed.Add(old);
            else
            {
                unmatched.Remove(match);
                pairs.Add((old, match));
            }
        }
        foreach (var (o, n) in pairs)
        {
            var fields = new List<string>();
            if (o.Text != n.Text) fields.Add("text");
            if (o.Enabled != n.Enabled) fields.Add(n.Enabled ? "turned on" : "turned off");
            if (Math.Abs(o.Weight - n.Weight) > 1e-9) fields.Add("weight");
            if (o.Category != n.Category) fields.Add("category");
            if (o.IsPrivate != n.IsPrivate) fields.Add(n.IsPrivate ? "made private" : "made shareable");
            if (o.Source != n.Source) fields.Add("source");
            if (o.SessionId != n.SessionId) fields.Add("scope");
            if (o.Evidence != n.Evidence) fields.Add("evidence");
            if (fields.Count > 0)
                changes.Add(new ConceptChange(ConceptChangeKind.Changed, o, n, fields, o.Text != n.Text ? SteeringDiff.Words(o.Text, n.Text) : []));
        }
        changes.AddRange(removed.Select(r => new ConceptChange(ConceptChangeKind.Removed, r, null, [], [])));
        changes.AddRange(unmatched.Select(a => new ConceptChange(ConceptChangeKind.Added, null, a, [], [])));
        return changes;
    }

    public async Task<IReadOnlyList<ConceptChange>> DiffAsync(Guid profileId, int from, int to, CancellationToken ct = default)
    {
        var a = await ConceptsAsync(profileId, from, ct) ?? throw new InvalidOperationException($"Version {from} does not exist.");
        var b = await ConceptsAsync(profileId, to, ct) ?? throw new InvalidOperationException($"Version {to} does not exist.");
        return Diff(a, b);
    }
}
