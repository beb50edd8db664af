using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Tests.Features.Study;

public class ParticipantProfileTests
{
    [Fact]
    public async Task Each_participant_gets_a_profile_of_their_own_owned_by_them_and_never_anyones_active_one()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var people = await t.Store.GenerateAsync(study.Id, 2);
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            var own = new Profile { Name = "Researcher's own", OwnerId = "researcher" };
            db.Profiles.Add(own);
            db.ActiveProfiles.Add(new ActiveProfile { OwnerId = "researcher", ProfileId = own.Id });
            await db.SaveChangesAsync();
        }

        var first = await t.Flow.EnsureProfileAsync(people[0].Code);
        var again = await t.Flow.EnsureProfileAsync(people[0].Code);
        var second = await t.Flow.EnsureProfileAsync(people[1].Code);

        Assert.NotNull(first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, second);
        await using var check = await t.Factory.CreateDbContextAsync();
        Assert.Equal(PersonaExplorer.Features.Study.ParticipantFlow.ParticipantOwner(people[0]), (await check.Profiles.SingleAsync(p => p.Id == first)).OwnerId);
        Assert.False(await check.ActiveProfiles.AnyAsync(a => a.ProfileId == first || a.ProfileId == second));
        Assert.Null(await t.Flow.EnsureProfileAsync("not-a-real-code-0000000000000000"));
    }

    [Fact]
    public async Task Deleting_a_participant_deletes_their_profile_and_its_concepts()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var people = await t.Store.GenerateAsync(study.Id, 1);
        var profileId = (await t.Flow.EnsureProfileAsync(people[0].Code))!.Value;
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            db.Concepts.Add(new Concept { ProfileId = profileId, Text = "prefers vegetarian food" });
            await db.SaveChangesAsync();
        }

        await t.Deletion.DeleteParticipantAsync(people[0].Id, keepWithdrawnMarker: false, "test");

        await using var check = await t.Factory.CreateDbContextAsync();
        Assert.False(await check.Profiles.AnyAsync(p => p.Id == profileId));
        Assert.False(await check.Concepts.AnyAsync(c => c.ProfileId == profileId));
    }
}
