using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Profiles.Transfer;
using PersonaExplorer.Features.Profiles.Curator;
using PersonaExplorer.Features.Profiles.Proposals;
using PersonaExplorer.Features.Profiles.Versions;
using PersonaExplorer.Features.Profiles.Steering;

namespace PersonaExplorer.Tests.Features.Accounts.Ownership;

/// <summary>
/// Two people on one app (two circuits with the app's own registrations): every store method that takes an id treats
/// the other person's id exactly like one that does not exist.
/// </summary>
public class OwnershipStoreTests
{
    private const string A = "member-a", B = "member-b";

    [Fact]
    public async Task Member_As_session_with_its_messages_and_needs_is_not_found_for_member_B()
    {
        await using var host = await CareHost.StartAsync();
        var (a, b) = (host.As(A), host.As(B));
        var session = await a.GetRequiredService<SessionStore>().CreateAsync("Anna's trip to Lisbon", null);
        await a.GetRequiredService<SessionStore>().AddUserMessageAsync(session.Id, "plan a weekend in Lisbon");
        var need = await a.GetRequiredService<NeedStore>().AddAsync(session.Id, "vegetarian places");
        var bSessions = b.GetRequiredService<SessionStore>();
        var bNeeds = b.GetRequiredService<NeedStore>();

        Assert.DoesNotContain((await bSessions.PageAsync(0, SessionStore.MaxPageSize)).Items, s => s.Id == session.Id);
        Assert.Null(await bSessions.FindAsync(session.Id));
        Assert.Empty(await bSessions.VisibleMessagesAsync(session.Id));
        Assert.Equal("That session no longer exists.", await bSessions.RenameAsync(session.Id, "mine now"));
        await bSessions.DeleteAsync(session.Id);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bSessions.AddUserMessageAsync(session.Id, "injected"));
        Assert.Empty(await bNeeds.ListAsync(session.Id));
        Assert.Null(await bNeeds.SetStatusAsync(need.Id, NeedStatus.Rejected));
        Assert.Null(await bNeeds.EditAsync(need.Id, "meat please"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bNeeds.AddAsync(session.Id, "injected need"));

        // A's session is untouched by all of that.
        var aSessions = a.GetRequiredService<SessionStore>();
        Assert.Equal("Anna's trip to Lisbon", (await aSessions.FindAsync(session.Id))!.Title);
        Assert.Equal(["plan a weekend in Lisbon"], (await aSessions.VisibleMessagesAsync(session.Id)).Select(m => m.Content));
        var aNeed = Assert.Single(await a.GetRequiredService<NeedStore>().ListAsync(session.Id));
        Assert.Equal(("vegetarian places", NeedStatus.Confirmed), (aNeed.Statement, aNeed.Status));
    }

    [Fact]
    public async Task Member_As_profile_concepts_versions_and_proposals_are_not_found_for_member_B()
    {
        await using var host = await CareHost.StartAsync();
        var (a, b) = (host.As(A), host.As(B));
        var aStore = a.GetRequiredService<ProfileStore>();
        var profile = await aStore.CreateAsync("Anna private");
        var concept = await a.GetRequiredService<ConceptStore>().AddAsync(profile.Id, "has a rare medical condition", "general", ConceptSource.Stated);
        var proposal = Assert.Single(await a.GetRequiredService<ProposalService>().AddAsync(profile.Id, null, null,
            [new CuratedConcept(ProposalKind.Add, null, "likes trains", "travel", 0.5, "I took the train", ConfidenceLevel.High, 0.8, null, true, false, null)],
            ProposalService.FromCurator));
        var store = b.GetRequiredService<ProfileStore>();
        var concepts = b.GetRequiredService<ConceptStore>();
        var versions = b.GetRequiredService<ProfileVersions>();
        var proposals = b.GetRequiredService<ProposalService>();
        var changed = ConceptStore.Copy(concept);
        changed.Text = "changed by B";

        Assert.DoesNotContain(await store.ListAsync(), p => p.Id == profile.Id);
        Assert.Null(await store.GetAsync(profile.Id));
        Assert.Empty(await b.GetRequiredService<SteeringConcepts>().PromptConceptsAsync(profile.Id, null, PersonaExplorer.Ai.ModelInfo.Offline));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.RenameAsync(profile.Id, "B's now"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.DuplicateAsync(profile.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.DeleteProfileAsync(profile.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SetActiveAsync(profile.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => concepts.AddAsync(profile.Id, "injected", "general", ConceptSource.Stated));
        await Assert.ThrowsAsync<InvalidOperationException>(() => concepts.UpdateAsync(changed));
        await concepts.DeleteAsync(concept.Id);
        await Assert.ThrowsAsync<InvalidOperationException>(() => concepts.ReplaceConceptsAsync(profile.Id, [], "you", "wiped"));
        Assert.Empty(await versions.ListAsync(profile.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => versions.RestoreAsync(profile.Id, 1));
        var own = await store.GetActiveAsync();
        await concepts.AddAsync(own.Id, "B's own concept", "general", ConceptSource.Stated);
        var file = Encoding.UTF8.GetBytes(ProfileTransfer.ToJson((await store.GetAsync(own.Id))!));
        Assert.True(ProfileTransfer.Parse("p.json", file).Ok); // a valid file: only the target is wrong
        var import = await b.GetRequiredService<ProfileImporter>().ImportAsync("p.json", file, ImportMode.ReplaceConcepts, profile.Id);
        Assert.Equal(["That profile no longer exists."], import.Errors);
        Assert.Empty(await proposals.PendingAsync(profile.Id));
        Assert.Equal("That proposal was already handled.", await proposals.AcceptAsync(proposal.Id));
        await proposals.DismissAsync(proposal.Id);
        await Assert.ThrowsAsync<InvalidOperationException>(() => proposals.AddAsync(profile.Id, null, null,
            [new CuratedConcept(ProposalKind.Add, null, "injected", "general", 0.5, null, ConfidenceLevel.High, 0.8, null, true, false, null)], ProposalService.FromCurator));

        // A's profile is exactly as A left it.
        var mine = (await aStore.GetAsync(profile.Id))!;
        Assert.Equal("Anna private", mine.Name);
        Assert.Equal(["has a rare medical condition"], mine.Concepts.Select(c => c.Text));
        Assert.Equal(2, (await a.GetRequiredService<ProfileVersions>().ListAsync(profile.Id)).Count);
        Assert.Equal(ProposalStatus.Proposed, Assert.Single(await a.GetRequiredService<ProposalService>().PendingAsync(profile.Id)).Status);
    }

    [Fact]
    public async Task Switching_the_active_profile_changes_only_ones_own()
    {
        await using var host = await CareHost.StartAsync();
        var (a, b) = (host.As(A), host.As(B));
        var aStore = a.GetRequiredService<ProfileStore>();
        var bStore = b.GetRequiredService<ProfileStore>();
        var aHome = await aStore.GetActiveAsync();
        var bHome = await bStore.GetActiveAsync();
        var aWork = await aStore.CreateAsync("Work trips");

        await aStore.SetActiveAsync(aWork.Id);

        Assert.NotEqual(aHome.Id, bHome.Id);
        Assert.Equal(aWork.Id, (await aStore.GetActiveAsync()).Id);
        Assert.Equal(bHome.Id, (await bStore.GetActiveAsync()).Id);
        Assert.Equal([(bHome.Id, true)], (await bStore.ListAsync()).Select(p => (p.Id, p.IsActive)));
        Assert.Equal([aWork.Id], (await aStore.ListAsync()).Where(p => p.IsActive).Select(p => p.Id));
    }

    [Fact]
    public async Task New_sessions_profiles_and_events_belong_to_the_person_who_made_them()
    {
        await using var host = await CareHost.StartAsync();
        var a = host.As(A);
        var session = await a.GetRequiredService<SessionStore>().CreateAsync("Mine", null);
        var profile = await a.GetRequiredService<ProfileStore>().CreateAsync("Mine too");
        var events = a.GetRequiredService<EventLog>();
        await events.RecordAsync("test.session", session.Id, null);
        await events.RecordAsync("test.profile", null, profile.Id);

        await using var db = await host.Db();
        Assert.Equal(A, (await db.Sessions.SingleAsync(s => s.Id == session.Id)).OwnerId);
        Assert.Equal(A, (await db.Profiles.SingleAsync(p => p.Id == profile.Id)).OwnerId);
        Assert.Equal([A, A], await db.Events.Where(e => e.Type.StartsWith("test.")).Select(e => e.OwnerId).ToListAsync());
    }

    [Fact]
    public async Task Proposal_changes_reach_the_circuits_of_their_own_person_only()
    {
        await using var host = await CareHost.StartAsync();
        var (a, aOtherTab, b) = (host.As(A), host.As(A), host.As(B));
        var profile = await a.GetRequiredService<ProfileStore>().CreateAsync("Anna");
        var heard = new List<string>();
        using var _aHeard = a.GetRequiredService<ProposalService>().Subscribe(_ => { heard.Add("a"); return Task.CompletedTask; });
        using var _aOtherTabHeard = aOtherTab.GetRequiredService<ProposalService>().Subscribe(_ => { heard.Add("a, other tab"); return Task.CompletedTask; });
        using var _bHeard = b.GetRequiredService<ProposalService>().Subscribe(_ => { heard.Add("b"); return Task.CompletedTask; });

        await a.GetRequiredService<ProposalService>().AddAsync(profile.Id, null, null,
            [new CuratedConcept(ProposalKind.Add, null, "likes trains", "travel", 0.5, null, ConfidenceLevel.High, 0.8, null, true, false, null)],
            ProposalService.FromCurator);

        Assert.Equal(["a", "a, other tab"], heard.Order());
    }
}
