using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>Persists a session's needs: the agent's merged proposals and the person's confirm/reject/edit/add.</summary>
public sealed class NeedStore(IDbContextFactory<PersonaDbContext> factory, NeedMerger merger)
{
    public const int MaxStatementLength = 300;

    public async Task<List<Need>> ListAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Needs.AsNoTracking().Where(n => n.SessionId == sessionId).OrderBy(n => n.SortOrder).ToListAsync(ct);
    }

    /// <summary>Merges the analyst's proposals into the session's needs (see <see cref="NeedMerger"/>) and saves the result.</summary>
    public async Task<NeedMergeResult> MergeAsync(Guid sessionId, Guid? sourceMessageId, IReadOnlyList<ProposedNeed> proposed, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var existing = await db.Needs.Where(n => n.SessionId == sessionId).OrderBy(n => n.SortOrder).ToListAsync(ct);
        var result = await merger.MergeAsync(sessionId, sourceMessageId, existing, proposed, ct);
        db.Needs.AddRange(result.Added);
        await db.SaveChangesAsync(ct);
        return result;
    }

    public Task<Need?> SetStatusAsync(Guid needId, NeedStatus status, CancellationToken ct = default) =>
        UpdateAsync(needId, n => n.Status = status, ct);

    /// <summary>The person's own wording replaces the statement; the need counts as confirmed from then on.</summary>
    public Task<Need?> EditAsync(Guid needId, string statement, CancellationToken ct = default) =>
        UpdateAsync(needId, n =>
        {
            n.Statement = Clean(statement);
            n.Status = NeedStatus.Edited;
        }, ct);

    public Task<Need?> SetPriorityAsync(Guid needId, int priority, CancellationToken ct = default) =>
        UpdateAsync(needId, n => n.Priority = Math.Clamp(priority, 1, 5), ct);

    /// <summary>A need the person adds is explicit and confirmed.</summary>
    public async Task<Need> AddAsync(Guid sessionId, string statement, int priority = 2, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var order = await db.Needs.Where(n => n.SessionId == sessionId).Select(n => (int?)n.SortOrder).MaxAsync(ct) ?? -1;
        var need = new Need
        {
            SessionId = sessionId,
            Kind = NeedKind.Explicit,
            Statement = Clean(statement),
            Status = NeedStatus.Confirmed,
            Confidence = 1,
            Priority = Math.Clamp(priority, 1, 5),
            SortOrder = order + 1,
        };
        db.Needs.Add(need);
        await db.SaveChangesAsync(ct);
        return need;
    }

    private async Task<Need?> UpdateAsync(Guid needId, Action<Need> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var need = await db.Needs.FirstOrDefaultAsync(n => n.Id == needId, ct);
        if (need is null) return null;
        change(need);
        need.UpdatedUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return need;
    }

    private static string Clean(string statement)
    {
        var s = statement.Trim();
        if (s.Length == 0) throw new ArgumentException("A need cannot be empty.", nameof(statement));
        return s.Length > MaxStatementLength ? s[..MaxStatementLength] : s;
    }
}
