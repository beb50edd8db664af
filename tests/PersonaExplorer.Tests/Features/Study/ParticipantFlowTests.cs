using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Features.Study.Export;

namespace PersonaExplorer.Tests.Features.Study;

public class ParticipantFlowTests
{
    [Fact]
    public async Task A_participant_walks_consent_tasks_questionnaires_and_gets_done_in_counterbalanced_order()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var people = await t.Store.GenerateAsync(study.Id, 2);
        foreach (var p in people) await t.CompleteAsync(p.Code);

        var first = (await t.Flow.FindAsync(people[0].Code))!;
        var second = (await t.Flow.FindAsync(people[1].Code))!;
        Assert.Equal(ParticipantStatus.Completed, first.Participant.Status);
        Assert.Equal(ParticipantPhase.Done, first.Phase);
        var order1 = first.Participant.Trials.Select(x => x.ConditionId).ToList();
        var order2 = second.Participant.Trials.Select(x => x.ConditionId).ToList();
        Assert.Equal(2, order1.Distinct().Count());
        Assert.Equal(order1.AsEnumerable().Reverse(), order2); // Latin square rows 0 and 1
        Assert.Equal(study.Conditions[0].Id, order1[0]);

        await using var db = await t.Factory.CreateDbContextAsync();
        // 2 trials × (6 TLX + 10 SUS) + 1 Likert + 1 text at the end
        Assert.Equal(34, await db.QuestionnaireAnswers.CountAsync(a => a.ParticipantId == first.Participant.Id));
        // every workspace event of the trial sessions was tagged with study, participant, condition and task
        var tagged = await db.StudyEventTags.Where(x => x.ParticipantId == first.Participant.Id && x.Event!.Type == "message.send").ToListAsync();
        Assert.Equal(2, tagged.Count);
        Assert.Equal(order1, tagged.OrderBy(x => x.TrialIndex).Select(x => x.ConditionId!.Value));
    }

    [Fact]
    public async Task Reloading_resumes_where_the_participant_was_and_steps_cannot_be_repeated()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var code = (await t.Store.GenerateAsync(study.Id, 1))[0].Code;
        Assert.Null(await t.Flow.ConsentAsync(code));
        Assert.Null(await t.Flow.ConsentAsync(code)); // a second click is harmless
        var session = await t.Flow.StartTaskAsync(code);
        Assert.NotNull(session);
        Assert.Equal(session, await t.Flow.StartTaskAsync(code)); // reload in the workspace: same session
        var view = (await t.Flow.FindAsync(code))!; // "reload"
        Assert.Equal(ParticipantPhase.Workspace, view.Phase);
        Assert.Equal(0, view.Participant.TrialIndex);

        await t.Flow.FinishTaskAsync(code);
        await t.Flow.FinishTaskAsync(code); // stale tab: ignored
        view = (await t.Flow.FindAsync(code))!;
        Assert.Equal(ParticipantPhase.TaskQuestionnaire, view.Phase);
        Assert.NotNull(await t.Flow.SubmitQuestionnaireAsync(code, new Dictionary<string, QuestionnaireResponse>())); // incomplete: refused
        Assert.Null(await t.Flow.SubmitQuestionnaireAsync(code, StudyTestDb.Answers(view)));
        Assert.Null(await t.Flow.SubmitQuestionnaireAsync(code, StudyTestDb.Answers(view))); // double submit: no duplicate rows
        view = (await t.Flow.FindAsync(code))!;
        Assert.Equal((ParticipantPhase.Instructions, 1), (view.Phase, view.Participant.TrialIndex));
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Equal(16, await db.QuestionnaireAnswers.CountAsync());
    }

    [Fact]
    public async Task Participants_reach_only_their_own_session_and_guessed_codes_give_nothing()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var codes = (await t.Store.GenerateAsync(study.Id, 200)).Select(p => p.Code).ToList();
        Assert.Equal(200, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Equal(ParticipantCodes.Length, c.Length));

        Assert.Null(await t.Flow.FindAsync(ParticipantCodes.New()));            // well-formed but unknown
        Assert.Null(await t.Flow.FindAsync(codes[0][..^1] + (codes[0][^1] == 'a' ? 'b' : 'a'))); // one character off
        Assert.Null(await t.Flow.FindAsync(codes[0].ToUpperInvariant()));      // wrong alphabet
        Assert.Null(await t.Flow.FindAsync("' OR 1=1 --"));
        Assert.Null(await t.Flow.FindAsync(""));
        Assert.NotNull(await t.Flow.ConsentAsync(ParticipantCodes.New()));

        Assert.Null(await t.Flow.ConsentAsync(codes[0]));
        Assert.Null(await t.Flow.ConsentAsync(codes[1]));
        var s0 = await t.Flow.StartTaskAsync(codes[0]);
        var s1 = await t.Flow.StartTaskAsync(codes[1]);
        Assert.NotEqual(s0, s1);
        var v0 = (await t.Flow.FindAsync(codes[0]))!;
        Assert.Equal(s0, v0.Trial!.SessionId);
        Assert.DoesNotContain(v0.Participant.Trials, x => x.SessionId == s1);
    }

    [Fact]
    public async Task Real_participants_cannot_start_a_draft_or_closed_study_but_pilots_can()
    {
        await using var t = new StudyTestDb();
        var study = await t.Store.CreateAsync("Draft");
        var real = (await t.Store.GenerateAsync(study.Id, 1))[0];
        Assert.Equal("This study has not started yet.", await t.Flow.ConsentAsync(real.Code));
        var pilot = (await t.Store.GenerateAsync(study.Id, 1, ParticipantKind.Pilot, forcedCondition: (await t.Store.GetAsync(study.Id))!.Conditions[1].Id))[0];
        Assert.Null(await t.Flow.ConsentAsync(pilot.Code));
        var view = (await t.Flow.FindAsync(pilot.Code))!;
        Assert.StartsWith("X", view.Participant.Pseudonym);
        Assert.All(view.Participant.Trials, x => Assert.Equal(view.Study.Conditions[1].Id, x.ConditionId));
    }

    [Fact]
    public async Task Between_subject_participants_are_spread_evenly_over_conditions()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync(StudyDesign.Between);
        var people = await t.Store.GenerateAsync(study.Id, 6);
        foreach (var p in people) Assert.Null(await t.Flow.ConsentAsync(p.Code));
        await using var db = await t.Factory.CreateDbContextAsync();
        var perCondition = await db.StudyTrials.Where(x => x.Index == 0).GroupBy(x => x.ConditionId).Select(g => g.Count()).ToListAsync();
        Assert.Equal([3, 3], perCondition);
        Assert.Equal(12, await db.StudyTrials.CountAsync()); // each participant does both tasks in one condition
    }

    [Fact]
    public async Task Two_tabs_starting_the_task_at_once_share_one_session_and_the_trial_keeps_it()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var code = (await t.Store.GenerateAsync(study.Id, 1))[0].Code;
        Assert.Null(await t.Flow.ConsentAsync(code));

        var started = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => t.Flow.StartTaskAsync(code, 0))));

        Assert.NotNull(started[0]);
        Assert.All(started, s => Assert.Equal(started[0], s));
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Equal(1, await db.Sessions.CountAsync());
        var trial = await db.StudyTrials.SingleAsync(x => x.Index == 0);
        Assert.Equal(started[0], trial.SessionId);
        Assert.Equal(1, await db.Events.CountAsync(e => e.Type == EventTypes.Study.TaskStart));
    }

    [Fact]
    public async Task Two_tabs_continuing_a_questionnaire_store_one_answer_set_and_the_export_keeps_its_score_rows()
    {
        await using var t = new StudyTestDb();
        var (study, code) = await t.AtFirstQuestionnaireAsync();
        var view = (await t.Flow.FindAsync(code))!; // both tabs show this questionnaire
        var answers = StudyTestDb.Answers(view);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => t.Flow.SubmitQuestionnaireAsync(code, answers, view.Phase, view.Participant.TrialIndex))));

        Assert.All(results, Assert.Null);
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Equal(16, await db.QuestionnaireAnswers.CountAsync()); // 6 TLX + 10 SUS, once
        Assert.Equal(1, await db.Events.CountAsync(e => e.Type == EventTypes.Study.Questionnaire));
        var now = (await t.Flow.FindAsync(code))!;
        Assert.Equal((ParticipantPhase.Instructions, 1), (now.Phase, now.Participant.TrialIndex));

        var lookups = (await t.Exporter.LoadAsync(study.Id, new ExportScope(), default))!;
        var scores = new List<AnswerExportRow>();
        await foreach (var row in t.Exporter.AnswersAsync(lookups, default)) if (row.Derived) scores.Add(row);
        Assert.Equal(new[] { Instruments.Tlx, Instruments.Sus }.Order(), scores.Select(r => r.Instrument).Order());
        Assert.All(scores, r => Assert.Equal(0, r.TrialIndex));
    }

    [Fact]
    public async Task A_stale_tab_cannot_answer_or_finish_a_later_trial_in_the_name_of_an_earlier_one()
    {
        await using var t = new StudyTestDb();
        var (_, code) = await t.AtFirstQuestionnaireAsync();
        var first = (await t.Flow.FindAsync(code))!; // the stale tab's questionnaire for trial 0
        Assert.Null(await t.Flow.SubmitQuestionnaireAsync(code, StudyTestDb.Answers(first), first.Phase, 0));
        Assert.Null(await t.Flow.StartTaskAsync(code, 0)); // "Start" of trial 0 again: trial 1's instructions are showing
        Assert.NotNull(await t.Flow.StartTaskAsync(code, 1));

        await t.Flow.FinishTaskAsync(code, 0); // trial 0's "I am done" in the stale tab
        Assert.Equal(ParticipantPhase.Workspace, (await t.Flow.FindAsync(code))!.Phase);
        await t.Flow.FinishTaskAsync(code, 1);
        Assert.Null(await t.Flow.SubmitQuestionnaireAsync(code, StudyTestDb.Answers(first), first.Phase, 0)); // trial 0's form again

        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Equal(16, await db.QuestionnaireAnswers.CountAsync()); // only trial 0's set
        Assert.Equal((ParticipantPhase.TaskQuestionnaire, 1), ((await t.Flow.FindAsync(code))!.Phase, (await t.Flow.FindAsync(code))!.Participant.TrialIndex));
    }

    [Fact]
    public async Task A_participant_past_the_time_limit_who_reloads_finds_the_task_finished_at_its_deadline()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var t = new StudyTestDb(clock);
        var study = await t.OpenStudyAsync();
        await using (var edit = await t.Factory.CreateDbContextAsync())
            await edit.StudyTasks.ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeLimitMinutes, 10));
        var code = (await t.Store.GenerateAsync(study.Id, 1))[0].Code;
        Assert.Null(await t.Flow.ConsentAsync(code));
        await t.Flow.StartTaskAsync(code, 0);
        clock.Advance(TimeSpan.FromMinutes(9));
        var view = (await t.Flow.FindAsync(code))!;
        Assert.Equal(ParticipantPhase.Workspace, view.Phase); // still within the limit
        Assert.False(t.Flow.TimeIsUp(view));

        // the tab is closed; the participant comes back long after the deadline
        clock.Advance(TimeSpan.FromMinutes(30));
        view = (await t.Flow.FindAsync(code))!;

        Assert.Equal(ParticipantPhase.TaskQuestionnaire, view.Phase);
        var trial = view.Participant.Trials[0];
        Assert.Equal(trial.StartedMs + 10 * 60_000, trial.EndedMs); // ended at the deadline, not at the reload
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Equal(1, await db.Events.CountAsync(e => e.Type == EventTypes.Study.TaskTimeUp));
        var end = await db.Events.SingleAsync(e => e.Type == EventTypes.Study.TaskEnd);
        Assert.Contains("\"durationMs\":600000", end.PayloadJson);
    }

    [Fact]
    public async Task Each_participant_gets_their_own_completion_code_and_the_export_lists_it()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var people = await t.Store.GenerateAsync(study.Id, 3);
        foreach (var p in people) await t.CompleteAsync(p.Code);

        var codes = new List<string>();
        foreach (var p in people) codes.Add((await t.Flow.FindAsync(p.Code))!.Participant.CompletionCode!);
        Assert.Equal(3, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches($"^{study.CompletionCode}-[A-Z2-9]{{8}}$", c));

        var lookups = (await t.Exporter.LoadAsync(study.Id, new ExportScope(), default))!;
        var exported = StudyExporter.Participants(lookups).ToDictionary(r => r.Participant, r => r.CompletionCode);
        Assert.Equal(codes.Order(), exported.Values.Order());
        Assert.Equal(codes[0], exported[(await t.Flow.FindAsync(people[0].Code))!.Participant.Pseudonym]);
    }
}
