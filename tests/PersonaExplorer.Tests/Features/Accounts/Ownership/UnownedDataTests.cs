using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Tests.Features.Study;

namespace PersonaExplorer.Tests.Features.Accounts.Ownership;

public class UnownedDataTests
{
    [Fact]
    public async Task Rows_from_before_owners_go_to_the_given_owner_and_participants_rows_stay_with_their_participant()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var participant = (await t.Store.GenerateAsync(study.Id, 1))[0];
        Guid legacyProfile, legacySession, trialSession, participantProfile;
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            // A single-user database: rows without an owner, one global active profile.
            var profile = new Profile { Name = "My profile" };
            var session = new ExplorationSession { Title = "Old trip" };
            var trial = new ExplorationSession { Title = "P001 · task" };
            var pProfile = new Profile { Name = "Participant P001" };
            db.AddRange(profile, session, trial, pProfile);
            db.ActiveProfiles.Add(new ActiveProfile { OwnerId = "", ProfileId = profile.Id });
            db.Events.AddRange(new InteractionEvent { Type = "legacy.session", SessionId = session.Id },
                new InteractionEvent { Type = "legacy.trial", SessionId = trial.Id });
            await db.SaveChangesAsync();
            var p = await db.StudyParticipants.SingleAsync(x => x.Id == participant.Id);
            p.ProfileId = pProfile.Id;
            db.StudyTrials.Add(new StudyTrial { ParticipantId = p.Id, Index = 0, TaskId = study.Tasks[0].Id, ConditionId = study.Conditions[0].Id, SessionId = trial.Id });
            await db.Studies.Where(s => s.Id == study.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.OwnerId, ""));
            await db.SaveChangesAsync();
            (legacyProfile, legacySession, trialSession, participantProfile) = (profile.Id, session.Id, trial.Id, pProfile.Id);
        }
        var unowned = new UnownedData(t.Factory);

        await unowned.GiveToAsync("first-admin");
        await unowned.GiveToAsync("someone-else"); // idempotent: nothing is left to give

        await using var check = await t.Factory.CreateDbContextAsync();
        var participantOwner = ParticipantFlow.ParticipantOwner(participant);
        Assert.Equal("first-admin", (await check.Profiles.SingleAsync(p => p.Id == legacyProfile)).OwnerId);
        Assert.Equal("first-admin", (await check.Sessions.SingleAsync(s => s.Id == legacySession)).OwnerId);
        Assert.Equal("first-admin", (await check.Studies.SingleAsync(s => s.Id == study.Id)).OwnerId);
        Assert.Equal(participantOwner, (await check.Sessions.SingleAsync(s => s.Id == trialSession)).OwnerId);
        Assert.Equal(participantOwner, (await check.Profiles.SingleAsync(p => p.Id == participantProfile)).OwnerId);
        Assert.Equal("first-admin", (await check.Events.SingleAsync(e => e.Type == "legacy.session")).OwnerId);
        Assert.Equal(participantOwner, (await check.Events.SingleAsync(e => e.Type == "legacy.trial")).OwnerId);
        Assert.Equal([("first-admin", legacyProfile)], (await check.ActiveProfiles.ToListAsync()).Select(a => (a.OwnerId, a.ProfileId)));
        Assert.False(await check.Profiles.AnyAsync(p => p.OwnerId == "" || p.OwnerId == "someone-else"));
        Assert.False(await check.Sessions.AnyAsync(s => s.OwnerId == "" || s.OwnerId == "someone-else"));
        Assert.False(await check.Events.AnyAsync(e => e.OwnerId == "" || e.OwnerId == "someone-else"));
    }
}
