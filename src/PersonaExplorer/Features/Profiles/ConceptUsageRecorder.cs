using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Profiles;

/// <summary>How often one concept was in the prompt of an answer, per day.</summary>
public sealed record ConceptInfluence(string Text, double Weight, bool Enabled, int Total, IReadOnlyDictionary<DateOnly, int> PerDay);

/// <summary>
/// Records which concepts were in the prompt of each answer (one <see cref="ConceptUsage"/> row per concept), and
/// summarizes it for the influence view. The workspace calls <see cref="RecordAsync(Guid, IEnumerable{PromptConcept}, CancellationToken)"/>
/// once per finished answer with the concepts it sent.
/// </summary>
public sealed class ConceptUsageRecorder(IDbContextFactory<PersonaDbContext> factory, TimeProvider clock, ILogger<ConceptUsageRecorder> logger)
{
    /// <summary>The profile is the answer's session profile, else the active profile.</summary>
    public async Task RecordAsync(Guid messageId, IEnumerable<PromptConcept> concepts, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var profileId = await db.Messages.Where(m => m.Id == messageId).Select(m => m.Session!.ProfileId).FirstOrDefaultAsync(ct)
            ?? await ProfileStore.ActiveIdAsync(db, ct);
        if (profileId is null) return;
        await RecordAsync(messageId, profileId.Value, concepts, ct);
    }

    public async Task RecordAsync(Guid messageId, Guid profileId, IEnumerable<PromptConcept> concepts, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Messages.AnyAsync(m => m.Id == messageId, ct))
        {
            logger.LogDebug("Concept usage for unknown message {MessageId} not recorded", messageId);
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var c in concepts.DistinctBy(c => ConceptText.Normalize(c.Text)))
            db.ConceptUsages.Add(new ConceptUsage
            {
                MessageId = messageId, ProfileId = profileId, ConceptText = c.Text.Length > ConceptRules.MaxTextLength ? c.Text[..ConceptRules.MaxTextLength] : c.Text,
                NormalizedText = ConceptText.Normalize(c.Text) is var n && n.Length > ConceptRules.MaxTextLength ? n[..ConceptRules.MaxTextLength] : n,
                Weight = c.Weight, UsedUtc = now,
            });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>For each current concept (and each former one that was used): answers whose prompt included it, per day.</summary>
    public async Task<IReadOnlyList<ConceptInfluence>> InfluenceAsync(Guid profileId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var concepts = await db.Concepts.AsNoTracking().Where(c => c.ProfileId == profileId).OrderBy(c => c.SortOrder).ToListAsync(ct);
        var usages = await db.ConceptUsages.AsNoTracking().Where(u => u.ProfileId == profileId)
            .Select(u => new { u.NormalizedText, u.ConceptText, u.Weight, u.UsedUtc }).ToListAsync(ct);
        var byText = usages.GroupBy(u => u.NormalizedText).ToDictionary(g => g.Key, g => g.ToList());
        var result = new List<ConceptInfluence>();
        foreach (var c in concepts)
        {
            var rows = byText.Remove(ConceptText.Normalize(c.Text), out var r) ? r : [];
            result.Add(new ConceptInfluence(c.Text, c.Weight, c.Enabled, rows.Count, PerDay(rows.Select(x => x.UsedUtc))));
        }
        foreach (var (_, rows) in byText)
            result.Add(new ConceptInfluence(rows[^1].ConceptText + " (no longer in the profile)", rows[^1].Weight, false, rows.Count, PerDay(rows.Select(x => x.UsedUtc))));
        return result;
    }

    private static Dictionary<DateOnly, int> PerDay(IEnumerable<DateTime> times) =>
        times.GroupBy(t => DateOnly.FromDateTime(t)).ToDictionary(g => g.Key, g => g.Count());
}
