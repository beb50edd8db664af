using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore.Care;

namespace PersonaExplorer.Features.Study.Simulation;

/// <summary>
/// What a simulated participant does in the panels after each answer, through the same <see cref="CareActions"/> a
/// person's clicks use (so it is logged and tagged alike): it confirms proposed needs that its language profile or the
/// task speaks to, rejects the others, and picks, in each sub-task without a choice, the option closest to its profile.
/// Deterministic: word overlap, no randomness.
/// </summary>
public sealed class CareSimulatedActions : ISimulatedWorkspaceActions
{
    public async Task ActAsync(SimulationContext context, CancellationToken ct)
    {
        var care = context.Services.GetRequiredService<CareState>();
        var actions = context.Services.GetRequiredService<CareActions>();
        // The panel agents run beside the answer: act once they have filled the panels (as a person would look first).
        await context.Workspace.PanelTurn.WaitAsync(TimeSpan.FromSeconds(30), ct);

        var interests = Words($"{context.Profile} {context.Task.Title} {context.Task.Instructions}");
        if (context.Features.NeedsPanel)
            foreach (var need in care.Needs.Where(n => n.Status == NeedStatus.Proposed).ToList())
            {
                if (Words(need.Statement).Overlaps(interests)) await actions.ConfirmNeedAsync(need);
                else await actions.RejectNeedAsync(need);
            }
        if (context.Features.TaskBreakdown)
            foreach (var task in care.SubTasks.Where(t => t.SelectedOptions.Count == 0 && t.Options.Count > 0).ToList())
            {
                var best = task.Options.OrderByDescending(o => Words(o).Count(interests.Contains)).First();
                await actions.ToggleOptionAsync(task, best);
            }
    }

    private static HashSet<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '!', '?', '(', ')', '-', '\n', '"'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 3).ToHashSet();
}
