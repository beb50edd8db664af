using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>Persists solution cards: each design replaces the unpinned cards; pinned and discarded ones stay.</summary>
public sealed class SolutionStore(IDbContextFactory<PersonaDbContext> factory)
{
    public async Task<List<SolutionCard>> ListAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.SolutionCards.AsNoTracking().Where(c => c.SessionId == sessionId).OrderBy(c => c.Rank).ThenBy(c => c.CreatedUtc).ToListAsync(ct);
    }

    /// <summary>Saves a new design in the ranker's order (or the designer's when there is no ranking) after the pinned cards.</summary>
    public async Task<List<SolutionCard>> ReplaceAsync(Guid sessionId, Guid? sourceMessageId, IReadOnlyList<ProposedSolution> design, IReadOnlyList<int>? order, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var old = await db.SolutionCards.Where(c => c.SessionId == sessionId && !c.Pinned && !c.Discarded).ToListAsync(ct);
        db.SolutionCards.RemoveRange(old);
        var pinned = await db.SolutionCards.CountAsync(c => c.SessionId == sessionId && c.Pinned, ct);
        var indexes = order ?? Enumerable.Range(0, design.Count).ToList();
        var cards = indexes.Select((index, rank) => ToCard(sessionId, sourceMessageId, design[index], pinned + rank)).ToList();
        db.SolutionCards.AddRange(cards);
        await db.SaveChangesAsync(ct);
        return cards;
    }

    /// <summary>Gives the listed cards consecutive ranks in this order, after the pinned cards.</summary>
    public async Task ReorderAsync(Guid sessionId, IReadOnlyList<Guid> cardIds, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var cards = await db.SolutionCards.Where(c => c.SessionId == sessionId && cardIds.Contains(c.Id)).ToListAsync(ct);
        var pinned = await db.SolutionCards.CountAsync(c => c.SessionId == sessionId && c.Pinned && !cardIds.Contains(c.Id), ct);
        foreach (var card in cards) card.Rank = pinned + cardIds.ToList().IndexOf(card.Id);
        await db.SaveChangesAsync(ct);
    }

    public Task<SolutionCard?> SetPinnedAsync(Guid cardId, bool pinned, CancellationToken ct = default) =>
        UpdateAsync(cardId, c => c.Pinned = pinned, ct);

    public Task<SolutionCard?> DiscardAsync(Guid cardId, CancellationToken ct = default) =>
        UpdateAsync(cardId, c => { c.Discarded = true; c.Pinned = false; }, ct);

    public async Task<List<string>> DiscardedTitlesAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.SolutionCards.Where(c => c.SessionId == sessionId && c.Discarded).Select(c => c.Title).ToListAsync(ct);
    }

    private async Task<SolutionCard?> UpdateAsync(Guid cardId, Action<SolutionCard> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var card = await db.SolutionCards.FirstOrDefaultAsync(c => c.Id == cardId, ct);
        if (card is null) return null;
        change(card);
        await db.SaveChangesAsync(ct);
        return card;
    }

    private static SolutionCard ToCard(Guid sessionId, Guid? sourceMessageId, ProposedSolution s, int rank) => new()
    {
        SessionId = sessionId,
        Title = s.Title,
        Summary = s.Summary,
        MeetsNeeds = s.MeetsNeeds.Select(m => string.IsNullOrWhiteSpace(m.How) ? m.Need : $"{m.Need}: {m.How}").ToList(),
        ConceptsUsed = s.ConceptsUsed,
        TradeOffs = s.TradeOffs,
        UnmetNeeds = s.UnmetNeeds,
        Rank = rank,
        SourceMessageId = sourceMessageId,
    };
}
