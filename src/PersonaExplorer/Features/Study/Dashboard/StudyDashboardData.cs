using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study.Dashboard;

public sealed record ConditionStats(string Condition, IReadOnlyList<double> Tlx, IReadOnlyList<double> Sus, IReadOnlyList<double> TimeOnTaskMinutes,
    IReadOnlyDictionary<string, int> EventsByType);

public sealed record Funnel(int Invited, int Consented, int StartedTask, int Completed, int Withdrawn);

public sealed record DashboardSnapshot(IReadOnlyList<ConditionStats> Conditions, Funnel Funnel, int Events);

/// <summary>
/// Aggregates for the dashboard, per condition, for one participant kind (real, simulated or pilot — shown separately).
/// Time on task comes from the study.task_start / study.task_end events of each trial; scores from the stored answers.
/// Event counts are aggregated in the database (group by), so large studies stay cheap.
/// </summary>
public sealed class StudyDashboardData(IDbContextFactory<PersonaDbContext> factory)
{
    public async Task<DashboardSnapshot> LoadAsync(Guid studyId, ParticipantKind kind, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var conditions = await db.StudyConditions.Where(c => c.StudyId == studyId).OrderBy(c => c.Order).ToListAsync(ct);
        var participants = await db.StudyParticipants.Where(p => p.StudyId == studyId && p.Kind == kind).Select(p => new { p.Id, p.Status, p.ConsentedUtc }).ToListAsync(ct);
        var ids = participants.Select(p => p.Id).ToList();

        var answers = await db.QuestionnaireAnswers
            .Where(a => a.StudyId == studyId && ids.Contains(a.ParticipantId) && a.ConditionId != null && (a.Instrument == Instruments.Tlx || a.Instrument == Instruments.Sus))
            .Select(a => new { a.ParticipantId, a.TrialIndex, a.ConditionId, a.Instrument, a.ItemIndex, a.Value }).ToListAsync(ct);
        var blocks = answers.GroupBy(a => (a.ParticipantId, a.TrialIndex, a.ConditionId, a.Instrument)).ToList();

        var taskEvents = await (from t in db.StudyEventTags
                                join e in db.Events on t.EventId equals e.Id
                                where t.StudyId == studyId && ids.Contains(t.ParticipantId) && (e.Type == EventTypes.Study.TaskStart || e.Type == EventTypes.Study.TaskEnd)
                                select new { t.ParticipantId, t.TrialIndex, t.ConditionId, e.Type, e.TimestampMs }).ToListAsync(ct);
        var durations = taskEvents.GroupBy(e => (e.ParticipantId, e.TrialIndex, e.ConditionId))
            .Select(g => (g.Key.ConditionId, Start: g.Where(e => e.Type == EventTypes.Study.TaskStart).Select(e => (long?)e.TimestampMs).Min(),
                End: g.Where(e => e.Type == EventTypes.Study.TaskEnd).Select(e => (long?)e.TimestampMs).Max()))
            .Where(d => d.Start is not null && d.End is not null).ToList();

        var byType = await (from t in db.StudyEventTags
                            join e in db.Events on t.EventId equals e.Id
                            where t.StudyId == studyId && ids.Contains(t.ParticipantId) && t.ConditionId != null
                            group e by new { t.ConditionId, e.Type } into g
                            select new { g.Key.ConditionId, g.Key.Type, Count = g.Count() }).ToListAsync(ct);

        var stats = conditions.Select(c => new ConditionStats(c.Name,
            [.. blocks.Where(b => b.Key.ConditionId == c.Id && b.Key.Instrument == Instruments.Tlx && b.Count() == 6)
                .Select(b => TlxScoring.RawScore([.. b.OrderBy(a => a.ItemIndex).Select(a => a.Value ?? 0)]))],
            [.. blocks.Where(b => b.Key.ConditionId == c.Id && b.Key.Instrument == Instruments.Sus && b.Count() == 10)
                .Select(b => SusScoring.Score([.. b.OrderBy(a => a.ItemIndex).Select(a => (int)(a.Value ?? 1))]))],
            [.. durations.Where(d => d.ConditionId == c.Id).Select(d => (d.End!.Value - d.Start!.Value) / 60_000.0)],
            byType.Where(x => x.ConditionId == c.Id).ToDictionary(x => x.Type, x => x.Count))).ToList();

        var started = taskEvents.Where(e => e.Type == EventTypes.Study.TaskStart).Select(e => e.ParticipantId).Distinct().Count();
        var funnel = new Funnel(participants.Count, participants.Count(p => p.ConsentedUtc != null), started,
            participants.Count(p => p.Status == ParticipantStatus.Completed), participants.Count(p => p.Status == ParticipantStatus.Withdrawn));
        return new DashboardSnapshot(stats, funnel, byType.Sum(x => x.Count));
    }
}
