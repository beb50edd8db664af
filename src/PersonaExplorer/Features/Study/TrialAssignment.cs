using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study;

/// <summary>At consent: the participant's counterbalancing ordinal and their trials (conditions × tasks in order), inside the consent step's transaction.</summary>
internal static class TrialAssignment
{
    public static async Task AssignAsync(PersonaDbContext db, StudyParticipant p, ResearchStudy study, TimeProvider clock, CancellationToken ct)
    {
        var conditions = study.Conditions.OrderBy(c => c.Order).ToList();
        var tasks = study.Tasks.OrderBy(t => t.Order).ToList();
        var sequence = await db.StudyParticipants.CountAsync(x => x.StudyId == p.StudyId && x.Kind == p.Kind && x.Sequence != null, ct);
        IReadOnlyList<int>? counts = null;
        if (study.Design == StudyDesign.Between)
        {
            var used = await (from t in db.StudyTrials
                              join x in db.StudyParticipants on t.ParticipantId equals x.Id
                              where x.StudyId == p.StudyId && x.Kind == p.Kind && x.Status != ParticipantStatus.Withdrawn && t.Index == 0
                              group t by t.ConditionId into g
                              select new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            counts = [.. conditions.Select(c => used.GetValueOrDefault(c.Id))];
        }
        var forced = p.ForcedConditionId is { } f ? conditions.FindIndex(c => c.Id == f) : -1;
        var plan = ParticipantAssigner.Plan(study.Design, conditions.Count, tasks.Count, study.RotateTaskOrder, sequence, counts, forced >= 0 ? forced : null);

        p.Sequence = sequence;
        // Added through the DbSet: client-generated keys found via a navigation would be taken for existing rows.
        db.StudyTrials.AddRange(plan.Select((t, i) => new StudyTrial { ParticipantId = p.Id, Index = i, ConditionId = conditions[t.ConditionIndex].Id, TaskId = tasks[t.TaskIndex].Id }));
        p.Status = ParticipantStatus.InProgress;
        p.Phase = ParticipantPhase.Instructions;
        p.TrialIndex = 0;
        p.ConsentedUtc = clock.GetUtcNow().UtcDateTime;
        StudyEvents.Add(db, EventTypes.Study.Consent, p, null, clock.GetUtcNow().ToUnixTimeMilliseconds(), new { sequence });
    }
}
