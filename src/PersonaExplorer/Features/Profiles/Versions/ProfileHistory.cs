using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Profiles.Versions;

/// <summary>A concept as stored in a <see cref="ProfileVersion"/> snapshot.</summary>
public sealed record ConceptSnapshot(
    Guid Id, string Text, string Category, double Weight, bool Enabled, ConceptSource Source,
    string? Evidence, bool IsPrivate, Guid? SessionId, int SortOrder)
{
    public static ConceptSnapshot From(Concept c) =>
        new(c.Id, c.Text, c.Category, c.Weight, c.Enabled, c.Source, c.Evidence, c.IsPrivate, c.SessionId, c.SortOrder);

    public Concept ToConcept(Guid profileId, DateTime now) => new()
    {
        Id = Id, ProfileId = profileId, Text = Text, Category = Category, Weight = Weight, Enabled = Enabled, Source = Source,
        Evidence = Evidence, IsPrivate = IsPrivate, SessionId = SessionId, SortOrder = SortOrder, CreatedUtc = now, UpdatedUtc = now,
    };
}

/// <summary>What one version changed: concepts added or changed (as they are after it) and ids removed.</summary>
public sealed record VersionChange(IReadOnlyList<ConceptSnapshot> Upserted, IReadOnlyList<Guid> Removed)
{
    public static VersionChange Upsert(Concept c) => new([ConceptSnapshot.From(c)], []);
    public static VersionChange Remove(Guid id) => new([], [id]);
}

/// <summary>Writes version snapshots inside the caller's unit of work, so a change and its version commit together.</summary>
public static class ProfileHistory
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public const int MaxSummaryLength = 400;

    public static string Serialize(IEnumerable<ConceptSnapshot> concepts) => JsonSerializer.Serialize(concepts.ToList(), Json);

    public static IReadOnlyList<ConceptSnapshot> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<ConceptSnapshot>>(json, Json) ?? [];

    /// <summary>
    /// Records the next version. A bulk change (create, import, restore, duplicate) stores a full snapshot; a single
    /// concept's change stores only that change (<paramref name="change"/>), so a profile's history grows by the size of
    /// the edits, not by the size of the profile at every edit. Reading a version replays from the snapshot before it.
    /// </summary>
    public static async Task<ProfileVersion> RecordAsync(PersonaDbContext db, Guid profileId, string author, string summary, DateTime now, CancellationToken ct,
        VersionChange? change = null)
    {
        var number = (await db.ProfileVersions.Where(v => v.ProfileId == profileId).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        string json;
        int count;
        if (change is not null && number > 1)
        {
            json = JsonSerializer.Serialize(change, Json);
            count = await db.Concepts.CountAsync(c => c.ProfileId == profileId, ct);
        }
        else
        {
            var concepts = await db.Concepts.AsNoTracking().Where(c => c.ProfileId == profileId)
                .OrderBy(c => c.SortOrder).ThenBy(c => c.CreatedUtc).ToListAsync(ct);
            json = Serialize(concepts.Select(ConceptSnapshot.From));
            count = concepts.Count;
        }
        var version = new ProfileVersion
        {
            ProfileId = profileId,
            Number = number,
            Author = author.Length > 32 ? author[..32] : author,
            Summary = Shorten(summary, MaxSummaryLength),
            SnapshotJson = json,
            ConceptCount = count,
            CreatedUtc = now,
        };
        db.ProfileVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return version;
    }

    /// <summary>The concepts of version <paramref name="number"/>: the latest full snapshot at or before it, with the changes after it applied.</summary>
    public static async Task<IReadOnlyList<ConceptSnapshot>?> ConceptsAtAsync(PersonaDbContext db, Guid profileId, int number, CancellationToken ct)
    {
        var from = await db.ProfileVersions.Where(v => v.ProfileId == profileId && v.Number <= number && v.SnapshotJson.StartsWith("["))
            .MaxAsync(v => (int?)v.Number, ct);
        if (from is null) return null;
        var chain = await db.ProfileVersions.AsNoTracking().Where(v => v.ProfileId == profileId && v.Number >= from && v.Number <= number)
            .OrderBy(v => v.Number).Select(v => new { v.Number, v.SnapshotJson }).ToListAsync(ct);
        if (chain.Count == 0 || chain[^1].Number != number) return null;
        var concepts = new List<ConceptSnapshot>();
        foreach (var v in chain)
        {
            if (v.SnapshotJson.StartsWith('[')) { concepts = Deserialize(v.SnapshotJson).ToList(); continue; }
            var change = JsonSerializer.Deserialize<VersionChange>(v.SnapshotJson, Json) ?? new VersionChange([], []);
            var gone = change.Removed.Concat(change.Upserted.Select(c => c.Id)).ToHashSet();
            concepts = concepts.Where(c => !gone.Contains(c.Id)).Concat(change.Upserted).ToList();
        }
        return concepts.OrderBy(c => c.SortOrder).ToList();
    }

    /// <summary>Profiles created before versioning (or by the seed) get their state recorded as v1 before the first change.</summary>
    public static async Task EnsureBaselineAsync(PersonaDbContext db, Guid profileId, DateTime now, CancellationToken ct)
    {
        if (!await db.ProfileVersions.AnyAsync(v => v.ProfileId == profileId, ct))
            await RecordAsync(db, profileId, "system", "initial state", now, ct);
    }

    public static string Quote(string text) => $"'{Shorten(text.ReplaceLineEndings(" "), 60)}'";

    public static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>"you: edited 'x'" etc.: what differs between the old and the new state of one concept.</summary>
    public static string DescribeUpdate(string author, Concept before, Concept after)
    {
        var parts = new List<string>();
        if (before.Text != after.Text) parts.Add($"edited {Quote(before.Text)} → {Quote(after.Text)}");
        if (before.Enabled != after.Enabled) parts.Add($"turned {(after.Enabled ? "on" : "off")} {Quote(after.Text)}");
        if (Math.Abs(before.Weight - after.Weight) > 1e-9) parts.Add($"reweighted {Quote(after.Text)} to {after.Weight.ToString("+0.0;-0.0;0.0", System.Globalization.CultureInfo.InvariantCulture)}");
        if (before.Category != after.Category) parts.Add($"moved {Quote(after.Text)} to {after.Category}");
        if (before.IsPrivate != after.IsPrivate) parts.Add($"made {Quote(after.Text)} {(after.IsPrivate ? "private" : "shareable")}");
        if (before.SessionId != after.SessionId) parts.Add($"changed the scope of {Quote(after.Text)}");
        return $"{author}: {(parts.Count == 0 ? $"saved {Quote(after.Text)}" : string.Join("; ", parts))}";
    }
}
