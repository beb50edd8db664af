using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Study;

namespace PersonaExplorer.Tests.Features.Study;

public class StudyDeletionTests
{
    private static async Task<(int events, int tags, int answers, int trials, int sessions, int messages)> CountsAsync(StudyTestDb t, IReadOnlyCollection<Guid> participants)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var sessions = await db.StudyTrials.Where(x => participants.Contains(x.ParticipantId) && x.SessionId != null).Select(x => x.SessionId!.Value).ToListAsync();
        return (
            await db.Events.CountAsync(e => db.StudyEventTags.Any(x => x.EventId == e.Id && participants.Contains(x.ParticipantId)) || (e.SessionId != null && sessions.Contains(e.SessionId.Value))),
            await db.StudyEventTags.CountAsync(x => participants.Contains(x.ParticipantId)),
            await db.QuestionnaireAnswers.CountAsync(x => participants.Contains(x.ParticipantId)),
            await db.StudyTrials.CountAsync(x => participants.Contains(x.ParticipantId)),
            await db.Sessions.CountAsync(s => sessions.Contains(s.Id)),
            await db.Messages.CountAsync(m => sessions.Contains(m.SessionId)));
    }

    private static async Task AddMessagesAsync(StudyTestDb t, string code)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var view = (await t.Flow.FindAsync(code))!;
        foreach (var trial in view.Participant.Trials)
            db.Messages.Add(new Message { SessionId = trial.SessionId!.Value, Role = MessageRole.User, Content = "hello", Sequence = 1 });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Deleting_a_participant_leaves_no_rows_of_theirs_and_keeps_the_others()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var people = await t.Store.GenerateAsync(study.Id, 2);
        foreach (var p in people) { await t.CompleteAsync(p.Code); await AddMessagesAsync(t, p.Code); }
        var before = await CountsAsync(t, [people[1].Id]);
        Assert.True(before.events > 0 && before.answers > 0 && before.messages > 0);

        await t.Deletion.DeleteParticipantAsync(people[0].Id, keepWithdrawnMarker: false, actor: "researcher");

        Assert.Equal((0, 0, 0, 0, 0, 0), await CountsAsync(t, [people[0].Id]));
        Assert.Equal(before, await CountsAsync(t, [people[1].Id]));
        Assert.Null(await t.Flow.FindAsync(people[0].Code));
        await using var db = await t.Factory.CreateDbContextAsync();
        var log = await db.Events.SingleAsync(e => e.Type == EventTypes.Study.ParticipantDeleted);
        Assert.Contains("P001", log.PayloadJson);
    }

    [Fact]
    public async Task Withdrawal_deletes_the_data_and_keeps_the_link_dead()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var p = (await t.Store.GenerateAsync(study.Id, 1))[0];
        await t.CompleteAsync(p.Code);
        Assert.True(await t.Flow.WithdrawAsync(p.Code));
        Assert.Equal((0, 0, 0, 0, 0, 0), await CountsAsync(t, [p.Id]));
        var view = (await t.Flow.FindAsync(p.Code))!;
        Assert.Equal(ParticipantStatus.Withdrawn, view.Participant.Status);
        Assert.Null(await t.Flow.StartTaskAsync(p.Code));
        Assert.Null(await t.Flow.ConsentAsync(p.Code)); // no-op
        Assert.Empty((await t.Flow.FindAsync(p.Code))!.Participant.Trials);
    }

    [Fact]
    public async Task Deleting_a_study_removes_everything_of_it()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var other = await t.OpenStudyAsync();
        var people = await t.Store.GenerateAsync(study.Id, 2);
        var keep = (await t.Store.GenerateAsync(other.Id, 1))[0];
        foreach (var p in people) await t.CompleteAsync(p.Code);
        await t.CompleteAsync(keep.Code);

        await t.Deletion.DeleteStudyAsync(study.Id, "researcher");

        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.False(await db.Studies.AnyAsync(s => s.Id == study.Id));
        Assert.False(await db.StudyTasks.AnyAsync(s => s.StudyId == study.Id));
        Assert.False(await db.StudyConditions.AnyAsync(s => s.StudyId == study.Id));
        Assert.False(await db.StudyParticipants.AnyAsync(s => s.StudyId == study.Id));
        Assert.False(await db.QuestionnaireAnswers.AnyAsync(s => s.StudyId == study.Id));
        Assert.False(await db.StudyEventTags.AnyAsync(s => s.StudyId == study.Id));
        Assert.Equal((0, 0, 0, 0, 0, 0), await CountsAsync(t, [.. people.Select(p => p.Id)]));
        Assert.True(await db.StudyEventTags.AnyAsync(s => s.StudyId == other.Id));
        Assert.Equal(1, await db.Events.CountAsync(e => e.Type == EventTypes.Study.StudyDeleted));
    }

    [Fact]
    public async Task Withdrawal_mid_task_removes_every_row_of_the_participant_including_events_that_carry_only_their_profile()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var people = await t.Store.GenerateAsync(study.Id, 2);
        await t.CompleteAsync(people[1].Code); // someone else, kept
        var code = people[0].Code;
        Assert.Null(await t.Flow.ConsentAsync(code));
        var session = (await t.Flow.StartTaskAsync(code, 0))!.Value;
        var profile = (await t.Flow.EnsureProfileAsync(code))!.Value;
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            db.Concepts.Add(new Concept { ProfileId = profile, Text = "has a rare medical condition" });
            db.Messages.Add(new Message { SessionId = session, Role = MessageRole.User, Content = "hello", Sequence = 1 });
            await db.SaveChangesAsync();
        }
        await t.Events.RecordAsync("concept.add", null, profile, new { text = "has a rare medical condition" }); // profile id only
        await t.Events.RecordAsync("message.send", session, profile, new { length = 5 });
        Assert.Equal(ParticipantPhase.Workspace, (await t.Flow.FindAsync(code))!.Phase);
        var others = await CountsAsync(t, [people[1].Id]);

        Assert.True(await t.Flow.WithdrawAsync(code));

        Assert.Equal((0, 0, 0, 0, 0, 0), await CountsAsync(t, [people[0].Id]));
        await using var check = await t.Factory.CreateDbContextAsync();
        Assert.False(await check.Events.AnyAsync(e => e.ProfileId == profile || e.SessionId == session));
        Assert.False(await check.Events.AnyAsync(e => e.PayloadJson.Contains("rare medical")));
        Assert.False(await check.Profiles.AnyAsync(x => x.Id == profile));
        Assert.False(await check.Concepts.AnyAsync(x => x.ProfileId == profile));
        Assert.False(await check.Sessions.AnyAsync(x => x.Id == session));
        var marker = await check.StudyParticipants.SingleAsync(x => x.Id == people[0].Id);
        Assert.Equal((ParticipantStatus.Withdrawn, null, null), (marker.Status, marker.ProfileId, marker.CompletionCode));
        Assert.Equal(others, await CountsAsync(t, [people[1].Id]));
    }
}
