using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles.Versions;

namespace PersonaExplorer.Features.Profiles.Steering;

/// <summary>Which of a profile's concepts may steer an answer: enabled, in scope for the session, and not private unless the model runs locally.</summary>
public sealed class SteeringConcepts(IDbContextFactory<PersonaDbContext> factory)
{
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
}
