using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Profiles.Steering;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>The workspace's part of the steering context: the session's needs, picks and pins, and the study condition's settings.</summary>
public sealed class CareSteering(IDbContextFactory<PersonaDbContext> factory, WorkspaceFeatures features, IOptions<ExploreOptions> options) : IWorkspaceSteering
{
    public int MaxPromptConcepts => options.Value.MaxPromptConcepts;

    public string? ConditionInstructions => features.SystemPrompt;

    public string? ConditionModel => string.IsNullOrWhiteSpace(features.Model) ? null : features.Model.Trim();

    public async Task<SessionSteering> ReadAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await db.Messages.AsNoTracking()
            .Where(m => m.SessionId == sessionId && m.Role == MessageRole.User && !m.IsSuperseded)
            .OrderByDescending(m => m.Sequence).Select(m => m.Content).FirstOrDefaultAsync(ct);
        var confirmed = await db.Needs.AsNoTracking()
            .Where(n => n.SessionId == sessionId && (n.Status == NeedStatus.Confirmed || n.Status == NeedStatus.Edited))
            .OrderBy(n => n.Priority).ThenBy(n => n.SortOrder).Select(n => n.Statement).ToListAsync(ct);
        var subTasks = await db.SubTasks.AsNoTracking().Where(t => t.SessionId == sessionId).OrderBy(t => t.SortOrder).ToListAsync(ct);
        var pinned = await db.SolutionCards.AsNoTracking().Where(c => c.SessionId == sessionId && c.Pinned && !c.Discarded)
            .OrderBy(c => c.Rank).Select(c => new PinnedCard(c.Title, c.Summary)).ToListAsync(ct);
        return new SessionSteering(request ?? "", confirmed,
            subTasks.SelectMany(t => t.SelectedOptions.Select(o => new PickedOption(t.Title, o))).ToList(), pinned);
    }
}
