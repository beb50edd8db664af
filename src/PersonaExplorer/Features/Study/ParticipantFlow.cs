using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study;

/// <summary>Where a participant is: their study, the current trial (task + condition) and phase.</summary>
public sealed record ParticipantView(StudyParticipant Participant, ResearchStudy Study, StudyTrial? Trial, StudyTask? Task, StudyCondition? Condition)
{
    public ParticipantPhase Phase => Participant.Phase;
    public int TrialCount => Participant.Trials.Count;
    public IReadOnlyList<QuestionnaireItem> Questionnaire =>
        QuestionnaireBuilder.Build(Study, Phase == ParticipantPhase.EndQuestionnaire ? QuestionScope.End : QuestionScope.AfterEachTask);
}

/// <summary>
/// A participant's way through a study: consent → per trial (instructions → workspace → questionnaire) → end questionnaire → done.
/// The code in the link is the only key; every step is stored, so a reload resumes where the participant was.
/// Each step checks the phase it expects, so double clicks and stale tabs cannot skip or repeat steps.
/// </summary>
public sealed class ParticipantFlow(IDbContextFactory<PersonaDbContext> factory, TimeProvider clock, StudyDeletion deletion, StudyEventTagger tagger)
{
    /// <summary>
    /// The participant's own (empty) profile, created on first use: a participant never sees or edits the app's
    /// active profile, and their concepts are deleted with their data.
    /// </summary>
    public async Task<Guid?> EnsureProfileAsync(string code, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var p = await db.StudyParticipants.FirstOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return null;
        if (p.ProfileId is { } existing && await db.Profiles.AnyAsync(x => x.Id == existing, ct)) return existing;
        var now = clock.GetUtcNow().UtcDateTime;
        var profile = new Profile { Name = $"Participant {p.Pseudonym} ({p.Id.ToString()[..8]})", IsActive = false, CreatedUtc = now, UpdatedUtc = now };
        db.Profiles.Add(profile);
        p.ProfileId = profile.Id;
        await db.SaveChangesAsync(ct);
        return profile.Id;
    }

    /// <summary>null for unknown codes (and malformed ones, without a database look-up).</summary>
    public async Task<ParticipantView?> FindAsync(string? code, CancellationToken ct = default)
    {
        if (!ParticipantCodes.LooksValid(code)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await LoadAsync(db, code!, ct);
    }

    /// <returns>null when consented, else why not.</returns>
    public async Task<string?> ConsentAsync(string code, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct); // IMMEDIATE on SQLite: sequence numbers cannot collide
        var p = await db.StudyParticipants.Include(x => x.Trials).FirstOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return "This link is not valid.";
        if (p.Phase != ParticipantPhase.Consent || p.Status == ParticipantStatus.Withdrawn) return null;
        var study = await db.Studies.AsNoTracking().AsSplitQuery().Include(s => s.Tasks).Include(s => s.Conditions).FirstAsync(s => s.Id == p.StudyId, ct);
        if (p.Kind == ParticipantKind.Real && study.Status != StudyStatus.Open)
            return study.Status == StudyStatus.Closed ? "This study is closed." : "This study has not started yet.";
        if (study.Tasks.Count == 0 || study.Conditions.Count == 0) return "This study has no tasks or conditions yet.";

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
        StudyEvents.Add(db, StudyEventTypes.Consent, p, null, NowMs, new { sequence });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>Opens the current task's workspace: creates its exploration session the first time.</summary>
    /// <returns>The trial's session id, or null when the participant is not at a task.</returns>
    public async Task<Guid?> StartTaskAsync(string code, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var p = await db.StudyParticipants.Include(x => x.Trials).FirstOrDefaultAsync(x => x.Code == code, ct);
        if (p is null || p.Status != ParticipantStatus.InProgress) return null;
        var trial = p.Trials.FirstOrDefault(t => t.Index == p.TrialIndex);
        if (trial is null) return null;
        if (p.Phase == ParticipantPhase.Workspace && trial.SessionId is { } existing) return existing;
        if (p.Phase != ParticipantPhase.Instructions) return null;

        var title = await db.StudyTasks.Where(t => t.Id == trial.TaskId).Select(t => t.Title).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new ExplorationSession { Title = $"{p.Pseudonym} · {title}", CreatedUtc = now, UpdatedUtc = now };
        db.Sessions.Add(session);
        trial.SessionId = session.Id;
        trial.StartedMs = NowMs;
        p.Phase = ParticipantPhase.Workspace;
        StudyEvents.Add(db, StudyEventTypes.TaskStart, p, trial, trial.StartedMs.Value);
        await db.SaveChangesAsync(ct);
        tagger.Forget(session.Id);
        return session.Id;
    }

    public Task RecordAsync(string code, string type, object? payload = null, CancellationToken ct = default) =>
        WithParticipantAsync(code, null, (db, p, trial) => StudyEvents.Add(db, type, p, trial, NowMs, payload), ct);

    /// <summary>The participant finished the task (or its time ran out): on to the questionnaire, or the next step if there is none.</summary>
    public Task FinishTaskAsync(string code, CancellationToken ct = default) =>
        WithParticipantAsync(code, ParticipantPhase.Workspace, (db, p, trial) =>
        {
            trial!.EndedMs = NowMs;
            StudyEvents.Add(db, StudyEventTypes.TaskEnd, p, trial, trial.EndedMs.Value, new { durationMs = trial.EndedMs - trial.StartedMs });
            p.Phase = ParticipantPhase.TaskQuestionnaire;
        }, ct);

    /// <returns>null when stored, else the validation message (nothing is stored then).</returns>
    public async Task<string?> SubmitQuestionnaireAsync(string code, IReadOnlyDictionary<string, QuestionnaireResponse> answers, CancellationToken ct = default)
    {
        var view = await FindAsync(code, ct);
        if (view is null) return "This link is not valid.";
        if (view.Phase is not (ParticipantPhase.TaskQuestionnaire or ParticipantPhase.EndQuestionnaire)) return null; // already submitted
        var items = view.Questionnaire;
        if (QuestionnaireBuilder.Validate(items, answers) is { } error) return error;

        var expected = view.Phase;
        await WithParticipantAsync(code, expected, (db, p, trial) =>
        {
            var atEnd = expected == ParticipantPhase.EndQuestionnaire;
            var ms = NowMs;
            foreach (var item in items)
            {
                answers.TryGetValue(item.Id, out var a);
                if (a is null || (a.Value is null && string.IsNullOrWhiteSpace(a.Text))) continue;
                db.QuestionnaireAnswers.Add(new QuestionnaireAnswer
                {
                    StudyId = p.StudyId, ParticipantId = p.Id, TrialIndex = atEnd ? null : trial?.Index, TaskId = atEnd ? null : trial?.TaskId,
                    ConditionId = atEnd ? null : trial?.ConditionId, Instrument = item.Instrument, ItemKey = item.Key, ItemIndex = item.Index,
                    Value = a.Value, Text = string.IsNullOrWhiteSpace(a.Text) ? null : a.Text.Trim(), TimestampMs = ms,
                });
            }
            StudyEvents.Add(db, StudyEventTypes.Questionnaire, p, atEnd ? null : trial, ms, new { scope = atEnd ? "end" : "task", items = items.Count });
            if (atEnd) p.Phase = ParticipantPhase.Done;
            else if (p.TrialIndex + 1 < p.Trials.Count)
            {
                p.TrialIndex++;
                p.Phase = ParticipantPhase.Instructions;
            }
            else p.Phase = ParticipantPhase.EndQuestionnaire;
        }, ct);
        return null;
    }

    /// <summary>Withdrawal: the participant's data is deleted; the code stays, marked withdrawn, so it cannot be reused.</summary>
    public async Task<bool> WithdrawAsync(string code, CancellationToken ct = default)
    {
        var view = await FindAsync(code, ct);
        if (view is null) return false;
        await deletion.DeleteParticipantAsync(view.Participant.Id, keepWithdrawnMarker: true, actor: "participant", ct);
        return true;
    }

    private long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task WithParticipantAsync(string code, ParticipantPhase? expected, Action<PersonaDbContext, StudyParticipant, StudyTrial?> change,
        CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var p = await db.StudyParticipants.Include(x => x.Trials).FirstOrDefaultAsync(x => x.Code == code, ct);
        if (p is null || p.Status != ParticipantStatus.InProgress) return;
        if (expected is { } e && p.Phase != e) return;
        var trial = p.Trials.FirstOrDefault(t => t.Index == p.TrialIndex);
        change(db, p, trial);
        // Skip questionnaires the study does not have.
        var study = await db.Studies.AsNoTracking().Include(s => s.Questions).FirstAsync(s => s.Id == p.StudyId, ct);
        if (p.Phase == ParticipantPhase.TaskQuestionnaire && QuestionnaireBuilder.Build(study, QuestionScope.AfterEachTask).Count == 0)
        {
            if (p.TrialIndex + 1 < p.Trials.Count) { p.TrialIndex++; p.Phase = ParticipantPhase.Instructions; }
            else p.Phase = ParticipantPhase.EndQuestionnaire;
        }
        if (p.Phase == ParticipantPhase.EndQuestionnaire && QuestionnaireBuilder.Build(study, QuestionScope.End).Count == 0)
            p.Phase = ParticipantPhase.Done;
        if (p.Phase == ParticipantPhase.Done && p.Status != ParticipantStatus.Completed)
        {
            p.Status = ParticipantStatus.Completed;
            p.CompletedUtc = clock.GetUtcNow().UtcDateTime;
            StudyEvents.Add(db, StudyEventTypes.Complete, p, null, NowMs);
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task<ParticipantView?> LoadAsync(PersonaDbContext db, string code, CancellationToken ct)
    {
        var p = await db.StudyParticipants.AsNoTracking().Include(x => x.Trials).FirstOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return null;
        p.Trials.Sort((a, b) => a.Index.CompareTo(b.Index));
        var study = await db.Studies.AsNoTracking().AsSplitQuery().Include(s => s.Tasks).Include(s => s.Conditions).Include(s => s.Questions)
            .FirstAsync(s => s.Id == p.StudyId, ct);
        study.Tasks.Sort((a, b) => a.Order.CompareTo(b.Order));
        study.Conditions.Sort((a, b) => a.Order.CompareTo(b.Order));
        study.Questions.Sort((a, b) => a.Order.CompareTo(b.Order));
        var trial = p.Trials.FirstOrDefault(t => t.Index == p.TrialIndex);
        return new ParticipantView(p, study, trial,
            trial is null ? null : study.Tasks.FirstOrDefault(t => t.Id == trial.TaskId),
            trial is null ? null : study.Conditions.FirstOrDefault(c => c.Id == trial.ConditionId));
    }
}
