using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study;

/// <summary>Where a participant is: their study, the current trial (task + condition) and phase.</summary>
public sealed record ParticipantView(StudyParticipant Participant, ResearchStudy Study, StudyTrial? Trial, StudyTask? Task, StudyCondition? Condition)
{
    public ParticipantPhase Phase => Participant.Phase;
    public int TrialCount => Participant.Trials.Count;
    /// <summary>When the current task's time runs out (UTC ms), or null without a limit or before the task starts.</summary>
    public long? DeadlineMs => Trial?.StartedMs is { } started && Task?.TimeLimitMinutes is { } minutes ? started + minutes * 60_000L : null;
    public IReadOnlyList<QuestionnaireItem> Questionnaire =>
        QuestionnaireBuilder.Build(Study, Phase == ParticipantPhase.EndQuestionnaire ? QuestionScope.End : QuestionScope.AfterEachTask);
}

/// <summary>
/// A participant's way through a study: consent → per trial (instructions → workspace → questionnaire) → end questionnaire → done.
/// The code in the link is the only key; every step is stored, so a reload resumes where the participant was.
/// The protocol lives here, not in the pages: every phase transition is one transaction that first claims the participant
/// row at the step the caller saw (a guarded update), so two tabs, double clicks and stale pages cannot repeat or skip a step;
/// the task's time limit is enforced here too, so closing the tab does not escape it.
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
        var p = await db.StudyParticipants.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return null;
        if (p.ProfileId is { } existing && await db.Profiles.AnyAsync(x => x.Id == existing, ct)) return existing;
        var now = clock.GetUtcNow().UtcDateTime;
        var profile = new Profile { Name = $"Participant {p.Pseudonym} ({p.Id.ToString()[..8]})", OwnerId = ParticipantOwner(p), CreatedUtc = now, UpdatedUtc = now };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Profiles.Add(profile);
        await db.SaveChangesAsync(ct);
        // Two tabs opening the workspace at once: only the first profile is bound; the other tab uses it too.
        var bound = await db.StudyParticipants.Where(x => x.Id == p.Id && x.ProfileId == p.ProfileId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.ProfileId, profile.Id), ct);
        if (bound == 0) return await db.StudyParticipants.Where(x => x.Id == p.Id).Select(x => x.ProfileId).FirstAsync(ct); // rolled back
        await tx.CommitAsync(ct);
        return profile.Id;
    }

    /// <summary>A participant's sessions and profile belong to them (inside their study), never to a member or researcher.</summary>
    public static string ParticipantOwner(StudyParticipant p) => Accounts.Ownership.CurrentPerson.ParticipantOwner(p.Id);

    /// <summary>null for unknown codes (and malformed ones, without a database look-up). A task whose time ran out is finished first.</summary>
    public async Task<ParticipantView?> FindAsync(string? code, CancellationToken ct = default)
    {
        if (!ParticipantCodes.LooksValid(code)) return null;
        var view = await LoadAsync(code!, ct);
        if (view is null || !TimeIsUp(view)) return view;
        await FinishTaskAsync(code!, view.Participant.TrialIndex, ct);
        return await LoadAsync(code!, ct);
    }

    /// <summary>True once the participant's current task is past its time limit.</summary>
    public bool TimeIsUp(ParticipantView view) => view.Phase == ParticipantPhase.Workspace && view.DeadlineMs is { } d && NowMs >= d;

    /// <summary>The task's seed request while the conversation has not started (a person's page and a simulated participant both send it first).</summary>
    public static string? SeedRequest(ParticipantView view, bool conversationStarted) =>
        conversationStarted || view.Phase != ParticipantPhase.Workspace || string.IsNullOrWhiteSpace(view.Task?.SeedRequest) ? null : view.Task.SeedRequest;

    /// <returns>null when consented (or already past consent), else why not.</returns>
    public async Task<string?> ConsentAsync(string code, CancellationToken ct = default)
    {
        if (!ParticipantCodes.LooksValid(code)) return "This link is not valid.";
        var (_, error) = await StepAsync(code, ParticipantPhase.Consent, null, async (db, p, _) =>
        {
            var study = await db.Studies.AsNoTracking().AsSplitQuery().Include(s => s.Tasks).Include(s => s.Conditions).FirstAsync(s => s.Id == p.StudyId, ct);
            if (p.Kind == ParticipantKind.Real && study.Status != StudyStatus.Open)
                return study.Status == StudyStatus.Closed ? "This study is closed." : "This study has not started yet.";
            if (study.Tasks.Count == 0 || study.Conditions.Count == 0) return "This study has no tasks or conditions yet.";
            await TrialAssignment.AssignAsync(db, p, study, clock, ct);
            return null;
        }, ct);
        if (error is null && await LoadAsync(code, ct) is null) return "This link is not valid.";
        return error;
    }

    /// <summary>Opens the task's workspace: creates its exploration session the first time.</summary>
    /// <param name="trialIndex">The trial the caller's page shows (null: the current one).</param>
    /// <returns>The trial's session id (also when another tab started it), or null when the participant is not at that task.</returns>
    public async Task<Guid?> StartTaskAsync(string code, int? trialIndex = null, CancellationToken ct = default)
    {
        Guid? created = null;
        await StepAsync(code, ParticipantPhase.Instructions, trialIndex, async (db, p, trial) =>
        {
            if (trial is null) return "No task.";
            var title = await db.StudyTasks.Where(t => t.Id == trial.TaskId).Select(t => t.Title).FirstAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var session = new ExplorationSession { OwnerId = ParticipantOwner(p), Title = $"{p.Pseudonym} · {title}", CreatedUtc = now, UpdatedUtc = now };
            db.Sessions.Add(session);
            trial.SessionId = created = session.Id;
            trial.StartedMs = NowMs;
            p.Phase = ParticipantPhase.Workspace;
            StudyEvents.Add(db, EventTypes.Study.TaskStart, p, trial, trial.StartedMs.Value);
            return null;
        }, ct);
        if (created is { } id) tagger.Forget(id);
        var view = await LoadAsync(code, ct);
        return view is { Phase: ParticipantPhase.Workspace } && (trialIndex is null || view.Participant.TrialIndex == trialIndex) ? view.Trial?.SessionId : null;
    }

    public async Task RecordAsync(string code, string type, object? payload = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var p = await db.StudyParticipants.AsNoTracking().Include(x => x.Trials).FirstOrDefaultAsync(x => x.Code == code, ct);
        if (p is null || p.Status != ParticipantStatus.InProgress) return;
        StudyEvents.Add(db, type, p, p.Trials.FirstOrDefault(t => t.Index == p.TrialIndex), NowMs, payload);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The participant finished the task, or its time ran out: on to the questionnaire (or the next step if there is none).
    /// Past the time limit the task ends at its deadline, whenever this runs (a closed tab finds it finished on reload).
    /// </summary>
    public async Task FinishTaskAsync(string code, int? trialIndex = null, CancellationToken ct = default) =>
        await StepAsync(code, ParticipantPhase.Workspace, trialIndex, async (db, p, trial) =>
        {
            var limit = await db.StudyTasks.Where(t => t.Id == trial!.TaskId).Select(t => t.TimeLimitMinutes).FirstAsync(ct);
            long? deadline = limit is { } minutes && trial!.StartedMs is { } started ? started + minutes * 60_000L : null;
            var now = NowMs;
            var timeUp = deadline is { } d && now >= d;
            trial!.EndedMs = timeUp ? deadline : now;
            if (timeUp) StudyEvents.Add(db, EventTypes.Study.TaskTimeUp, p, trial, deadline!.Value);
            StudyEvents.Add(db, EventTypes.Study.TaskEnd, p, trial, trial.EndedMs!.Value, new { durationMs = trial.EndedMs - trial.StartedMs });
            p.Phase = ParticipantPhase.TaskQuestionnaire;
            return null;
        }, ct);

    /// <param name="phase">The questionnaire the caller's page shows, and <paramref name="trialIndex"/> its trial (null: the current ones).</param>
    /// <returns>null when stored (or already stored by another tab), else the validation message (nothing is stored then).</returns>
    public async Task<string?> SubmitQuestionnaireAsync(string code, IReadOnlyDictionary<string, QuestionnaireResponse> answers,
        ParticipantPhase? phase = null, int? trialIndex = null, CancellationToken ct = default)
    {
        var view = await LoadAsync(code, ct);
        if (view is null) return "This link is not valid.";
        var expected = phase ?? view.Phase;
        if (expected is not (ParticipantPhase.TaskQuestionnaire or ParticipantPhase.EndQuestionnaire)) return null; // already submitted
        if (view.Phase != expected || (trialIndex is { } i && view.Participant.TrialIndex != i)) return null; // another tab moved on
        var items = view.Questionnaire;
        if (QuestionnaireBuilder.Validate(items, answers) is { } error) return error;

        var (_, refused) = await StepAsync(code, expected, view.Participant.TrialIndex, (db, p, trial) =>
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
            StudyEvents.Add(db, EventTypes.Study.Questionnaire, p, atEnd ? null : trial, ms, new { scope = atEnd ? "end" : "task", items = items.Count });
            if (atEnd) p.Phase = ParticipantPhase.Done;
            else NextTrial(p);
            return Task.FromResult<string?>(null);
        }, ct);
        return refused;
    }

    /// <summary>Withdrawal: the participant's data is deleted; the code stays, marked withdrawn, so it cannot be reused.</summary>
    public async Task<bool> WithdrawAsync(string code, CancellationToken ct = default)
    {
        var view = await LoadAsync(code, ct);
        if (view is null) return false;
        await deletion.DeleteParticipantAsync(view.Participant.Id, keepWithdrawnMarker: true, actor: "participant", ct);
        return true;
    }

    private long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static void NextTrial(StudyParticipant p)
    {
        if (p.TrialIndex + 1 < p.Trials.Count) { p.TrialIndex++; p.Phase = ParticipantPhase.Instructions; }
        else p.Phase = ParticipantPhase.EndQuestionnaire;
    }

    /// <summary>
    /// One phase transition in one transaction. It starts with a guarded UPDATE that claims the participant row only while it
    /// is still at <paramref name="from"/> (and the trial the caller saw): on SQLite the IMMEDIATE transaction already
    /// serialises writers, on PostgreSQL a second tab waits for the row lock and then finds the step taken. A step that
    /// returns an error is rolled back.
    /// </summary>
    /// <returns>Moved: the transition happened; Error: why the step refused (nothing is stored then).</returns>
    private async Task<(bool Moved, string? Error)> StepAsync(string code, ParticipantPhase from, int? trialIndex,
        Func<PersonaDbContext, StudyParticipant, StudyTrial?, Task<string?>> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.StudyParticipants
            .Where(x => x.Code == code && x.Phase == from && x.Status != ParticipantStatus.Withdrawn && x.Status != ParticipantStatus.Completed
                        && (trialIndex == null || x.TrialIndex == trialIndex))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Phase, x => x.Phase), ct);
        if (claimed == 0) return (false, null);
        var p = await db.StudyParticipants.Include(x => x.Trials).FirstAsync(x => x.Code == code, ct);
        if (await change(db, p, p.Trials.FirstOrDefault(t => t.Index == p.TrialIndex)) is { } error) return (false, error);
        await SkipAbsentStepsAsync(db, p, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (true, null);
    }

    /// <summary>Skips questionnaires the study does not have; on reaching the end, completes the participant with their own completion code.</summary>
    private async Task SkipAbsentStepsAsync(PersonaDbContext db, StudyParticipant p, CancellationToken ct)
    {
        var study = await db.Studies.AsNoTracking().Include(s => s.Questions).FirstAsync(s => s.Id == p.StudyId, ct);
        if (p.Phase == ParticipantPhase.TaskQuestionnaire && QuestionnaireBuilder.Build(study, QuestionScope.AfterEachTask).Count == 0) NextTrial(p);
        if (p.Phase == ParticipantPhase.EndQuestionnaire && QuestionnaireBuilder.Build(study, QuestionScope.End).Count == 0)
            p.Phase = ParticipantPhase.Done;
        if (p.Phase == ParticipantPhase.Done && p.Status != ParticipantStatus.Completed)
        {
            p.Status = ParticipantStatus.Completed;
            p.CompletedUtc = clock.GetUtcNow().UtcDateTime;
            p.CompletionCode = ParticipantCodes.NewCompletionCode(study.CompletionCode);
            StudyEvents.Add(db, EventTypes.Study.Complete, p, null, NowMs);
        }
    }

    private async Task<ParticipantView?> LoadAsync(string code, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
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
