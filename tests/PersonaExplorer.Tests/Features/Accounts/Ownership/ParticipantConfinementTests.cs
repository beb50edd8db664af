using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Tests.Features.Study;

namespace PersonaExplorer.Tests.Features.Accounts.Ownership;

public class ParticipantConfinementTests
{
    [Fact]
    public async Task A_trial_session_and_profile_belong_to_their_participant_and_no_one_else_finds_them()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var (p1, p2) = ((await t.Store.GenerateAsync(study.Id, 2))[0], (await t.Store.GenerateAsync(study.Id, 1))[0]);
        Assert.Null(await t.Flow.ConsentAsync(p1.Code));
        var trial = (await t.Store.ParticipantsAsync(study.Id)).Single(r => r.Id == p1.Id).TrialIndex;
        var session = (await t.Flow.StartTaskAsync(p1.Code, trial))!.Value;
        var profile = (await t.Flow.EnsureProfileAsync(p1.Code))!.Value;

        SessionStore Sessions(string owner) => new(new OwnedDatabase(t.Factory, CurrentPerson.For(owner)), TimeProvider.System);
        ProfileStore Profiles(string owner) => new(new OwnedDatabase(t.Factory, CurrentPerson.For(owner)), TimeProvider.System);
        var participant = ParticipantFlow.ParticipantOwner(p1);
        var otherParticipant = ParticipantFlow.ParticipantOwner(p2);

        Assert.NotNull(await Sessions(participant).FindAsync(session));
        Assert.NotNull(await Profiles(participant).GetAsync(profile));
        foreach (var someoneElse in new[] { "member-a", "researcher", otherParticipant })
        {
            Assert.Null(await Sessions(someoneElse).FindAsync(session));
            Assert.DoesNotContain((await Sessions(someoneElse).PageAsync(0, SessionStore.MaxPageSize)).Items, s => s.Id == session);
            Assert.Null(await Profiles(someoneElse).GetAsync(profile));
            Assert.DoesNotContain(await Profiles(someoneElse).ListAsync(), p => p.Id == profile);
        }
    }

    [Fact]
    public void A_participant_workspace_cannot_be_turned_into_someone_elses()
    {
        var person = new CurrentPerson();
        person.ActAs(CurrentPerson.ParticipantOwner(Guid.NewGuid()));

        Assert.True(person.IsParticipantScope);
        Assert.Throws<InvalidOperationException>(() => person.ActAs("member-a"));
    }
}
