using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>Persists the task breakdown. A new plan keeps the person's picks: a planned sub-task that means the same as
/// an existing one (MiniLM similarity) keeps its picks, and sub-tasks with picks are never dropped.</summary>
public sealed class TaskBreakdownStore(IDbContextFactory<PersonaDbContext> factory, ITextEmbedder embedder, IOptions<AgentOptions> options)
{
    public async Task<List<SubTask>> ListAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.SubTasks.AsNoTracking().Where(t => t.SessionId == sessionId).OrderBy(t => t.SortOrder).ToListAsync(ct);
    }

    public async Task<List<SubTask>> ApplyPlanAsync(Guid sessionId, Guid? sourceMessageId, TaskPlan plan, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var existing = await db.SubTasks.Where(t => t.SessionId == sessionId).OrderBy(t => t.SortOrder).ToListAsync(ct);
        // One call: the planner's new titles go through the model together (the existing ones are cached from earlier turns).
        var vectors = await embedder.EmbedAsync([.. existing.Select(t => t.Title), .. plan.SubTasks.Select(t => t.Title)], ct);
        var oldVectors = vectors[..existing.Count];
        var newVectors = vectors[existing.Count..];

        var kept = new List<SubTask>();
        for (var i = 0; i < plan.SubTasks.Count; i++)
        {
            var planned = plan.SubTasks[i];
            var (index, score) = Similarity.Nearest(newVectors[i], oldVectors);
            if (index >= 0 && score >= options.Value.SubTaskMergeThreshold && !kept.Contains(existing[index]))
            {
                var old = existing[index];
                old.Title = planned.Title;
                // Picks survive even when the planner reworded the options.
                old.Options = planned.Options.Union(old.SelectedOptions).ToList();
                old.SelectedOptions = old.SelectedOptions.Where(old.Options.Contains).ToList();
                kept.Add(old);
            }
            else
            {
                var added = new SubTask { SessionId = sessionId, Title = planned.Title, Options = planned.Options, SourceMessageId = sourceMessageId };
                db.SubTasks.Add(added);
                kept.Add(added);
            }
        }
        kept.AddRange(existing.Where(t => !kept.Contains(t) && t.SelectedOptions.Count > 0));
        db.SubTasks.RemoveRange(existing.Where(t => !kept.Contains(t)));
        for (var i = 0; i < kept.Count; i++) kept[i].SortOrder = i;
        await db.SaveChangesAsync(ct);
        return kept;
    }

    /// <summary>Picks or unpicks one option (several options of a sub-task may be picked).</summary>
    public async Task<SubTask?> ToggleOptionAsync(Guid subTaskId, string option, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var task = await db.SubTasks.FirstOrDefaultAsync(t => t.Id == subTaskId, ct);
        if (task is null || !task.Options.Contains(option)) return null;
        task.SelectedOptions = task.SelectedOptions.Contains(option)
            ? task.SelectedOptions.Where(o => o != option).ToList()
            : [.. task.SelectedOptions, option];
        await db.SaveChangesAsync(ct);
        return task;
    }
}
