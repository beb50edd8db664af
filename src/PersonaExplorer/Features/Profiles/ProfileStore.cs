using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Profiles;

/// <summary>Profiles and their concepts in the database.</summary>
public sealed class ProfileStore(IDbContextFactory<PersonaDbContext> factory, TimeProvider clock)
{
    public static readonly string[] DefaultCategories = ["general", "diet", "budget", "travel", "style", "values", "schedule", "work", "learning"];

    public async Task<Profile> GetActiveAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var profile = await db.Profiles.AsNoTracking().Include(p => p.Concepts)
            .OrderByDescending(p => p.IsActive).ThenBy(p => p.CreatedUtc).FirstOrDefaultAsync(ct);
        if (profile is null)
        {
            profile = new Profile { Name = "My profile", IsActive = true };
            db.Profiles.Add(profile);
            await db.SaveChangesAsync(ct);
        }
        profile.Concepts = profile.Concepts.OrderBy(c => c.SortOrder).ThenBy(c => c.CreatedUtc).ToList();
        return profile;
    }

    /// <summary>The concepts that go into a prompt: enabled, in scope for this session, and not private unless the model runs locally.</summary>
    public async Task<IReadOnlyList<PromptConcept>> PromptConceptsAsync(Guid profileId, Guid? sessionId, ModelInfo model, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var concepts = await db.Concepts.AsNoTracking()
            .Where(c => c.ProfileId == profileId && c.Enabled && (c.SessionId == null || c.SessionId == sessionId))
            .OrderBy(c => c.SortOrder).ThenBy(c => c.CreatedUtc).ToListAsync(ct);
        return concepts.Where(c => model.IsLocal || !c.IsPrivate)
            .Select(c => new PromptConcept(c.Text, c.Category, c.Weight)).ToList();
    }

    /// <returns>null when the text is acceptable, otherwise the reason.</returns>
    public static string? CheckText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "A concept needs some text, e.g. \"prefers vegetarian food\".";
        if (text.Trim().Length > ConceptRules.MaxTextLength)
            return $"Concepts are short statements: at most {ConceptRules.MaxTextLength} characters (this one has {text.Trim().Length:N0}).";
        return null;
    }

    public async Task<Concept> AddAsync(Guid profileId, string text, string category, ConceptSource source, CancellationToken ct = default)
    {
        if (CheckText(text) is { } error) throw new ArgumentException(error, nameof(text));
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var concept = new Concept
        {
            ProfileId = profileId, Text = text.Trim(), Category = CleanCategory(category), Source = source,
            SortOrder = (await db.Concepts.Where(c => c.ProfileId == profileId).MaxAsync(c => (int?)c.SortOrder, ct) ?? 0) + 1,
            CreatedUtc = now, UpdatedUtc = now,
        };
        db.Concepts.Add(concept);
        await TouchProfileAsync(db, profileId, now, ct);
        await db.SaveChangesAsync(ct);
        return concept;
    }

    /// <summary>Saves an edited concept. Changing the text marks it as edited by the person.</summary>
    public async Task<Concept> UpdateAsync(Concept changed, CancellationToken ct = default)
    {
        if (CheckText(changed.Text) is { } error) throw new ArgumentException(error, nameof(changed));
        await using var db = await factory.CreateDbContextAsync(ct);
        var concept = await db.Concepts.FirstOrDefaultAsync(c => c.Id == changed.Id, ct)
            ?? throw new InvalidOperationException("That concept no longer exists.");
        var now = clock.GetUtcNow().UtcDateTime;
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
        return concept;
    }

    public async Task DeleteAsync(Guid conceptId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Concepts.Where(c => c.Id == conceptId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Undo of a delete: puts the same concept (same id, order and source) back.</summary>
    public async Task RestoreAsync(Concept deleted, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Concepts.AnyAsync(c => c.Id == deleted.Id, ct)) return;
        db.Concepts.Add(Copy(deleted));
        await db.SaveChangesAsync(ct);
    }

    public static Concept Copy(Concept c) => new()
    {
        Id = c.Id, ProfileId = c.ProfileId, Text = c.Text, Category = c.Category, Weight = c.Weight, Enabled = c.Enabled,
        Source = c.Source, Evidence = c.Evidence, IsPrivate = c.IsPrivate, SessionId = c.SessionId, SortOrder = c.SortOrder,
        CreatedUtc = c.CreatedUtc, UpdatedUtc = c.UpdatedUtc,
    };

    private static string CleanCategory(string? category)
    {
        var c = (category ?? "").Trim().ToLowerInvariant();
        return c.Length is 0 or > 40 ? "general" : c;
    }

    private static Task TouchProfileAsync(PersonaDbContext db, Guid profileId, DateTime now, CancellationToken ct) =>
        db.Profiles.Where(p => p.Id == profileId).ExecuteUpdateAsync(u => u.SetProperty(p => p.UpdatedUtc, now), ct);
}
