using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Profiles;

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

    /// <summary>Snapshots the profile's current concepts (as tracked/saved in <paramref name="db"/>) as the next version.</summary>
    public static async Task<ProfileVersion> RecordAsync(PersonaDbContext db, Guid profileId, string author, string summary, DateTime now, CancellationToken ct)
    {
        var concepts = await db.Concepts.AsNoTracking().Where(c => c.ProfileId == profileId)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.CreatedUtc).ToListAsync(ct);
        var number = (await db.ProfileVersions.Where(v => v.ProfileId == profileId).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        var version = new ProfileVersion
        {
            ProfileId = profileId,
            Number = number,
            Author = author.Length > 32 ? author[..32] : author,
            Summary = Shorten(summary, MaxSummaryLength),
            SnapshotJson = Serialize(concepts.Select(ConceptSnapshot.From)),
            ConceptCount = concepts.Count,
            CreatedUtc = now,
        };
        db.ProfileVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return version;
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
