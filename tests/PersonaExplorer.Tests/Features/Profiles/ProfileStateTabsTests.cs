using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Data.Changes;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Tests.Features.Profiles;

/// <summary>Two tabs of one person: what one tab changes in the profile, the other's drawer shows without a reload.</summary>
public class ProfileStateTabsTests
{
    [Fact]
    public async Task A_concept_added_in_one_tab_appears_in_the_other_tabs_profile()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        await using var tab2 = ws.OpenAnotherTab();
        var other = tab2.ServiceProvider.GetRequiredService<ProfileState>();
        await other.EnsureLoadedAsync();
        var heard = 0;
        using var listening = other.Subscribe(() => { heard++; return Task.CompletedTask; });

        Assert.Null(await ws.Profile.AddAsync("prefers trains over flights", "travel"));

        Assert.Contains(other.Concepts, c => c.Text == "prefers trains over flights");
        Assert.True(heard > 0, "the other tab's drawer was not told to re-render");
    }

    [Fact]
    public async Task Switching_the_active_profile_in_one_tab_switches_the_other_tab_of_the_same_person()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        await using var tab2 = ws.OpenAnotherTab();
        var other = tab2.ServiceProvider.GetRequiredService<ProfileState>();
        await other.EnsureLoadedAsync();
        var weekend = await tab2.ServiceProvider.GetRequiredService<ProfileStore>().CreateAsync("Weekend");

        await ws.Profile.SwitchAsync(weekend.Id);

        Assert.Equal(weekend.Id, other.Active?.Id);
    }

    [Fact]
    public async Task Another_persons_edit_is_not_heard()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        var feed = ws.Services.GetRequiredService<IChangeFeed>();
        var heard = 0;
        await ws.Profile.EnsureLoadedAsync();
        using var listening = ws.Profile.Subscribe(() => { heard++; return Task.CompletedTask; });

        // What another person's tab publishes: their owner id; then the same from another tab of this person.
        var fromAnotherTab = $"{ws.Profile.Active!.Id}|{Guid.NewGuid()}";
        await feed.PublishAsync("profiles", "someone-else", fromAnotherTab);
        Assert.Equal(0, heard);

        await feed.PublishAsync("profiles", Workspace.PersonId, fromAnotherTab);
        Assert.True(heard > 0);
    }

    [Fact]
    public async Task A_tab_does_not_reload_on_its_own_edit_twice()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        await ws.Profile.EnsureLoadedAsync();
        var heard = 0;
        using var listening = ws.Profile.Subscribe(() => { heard++; return Task.CompletedTask; });

        await ws.Profile.AddAsync("likes museums", "interests");

        Assert.Equal(1, heard);
    }
}

/// <summary>Profile create, rename, duplicate and delete go through the state service and are in the event log.</summary>
public class ProfileStateLifecycleTests
{
    [Fact]
    public async Task Creating_renaming_duplicating_and_deleting_a_profile_are_logged()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        await ws.Profile.EnsureLoadedAsync();

        var created = await ws.Profile.CreateAsync("Weekend");
        Assert.Equal(created.Id, ws.Profile.Active?.Id);
        Assert.Equal("Weekend trips", await ws.Profile.RenameAsync("Weekend trips"));
        var copy = await ws.Profile.DuplicateAsync("Weekend trips (copy)");
        Assert.Equal(copy.Id, ws.Profile.Active?.Id);
        await ws.Profile.DeleteActiveAsync();
        Assert.NotEqual(copy.Id, ws.Profile.Active?.Id);

        await using var db = ws.Db();
        var types = db.Events.OrderBy(e => e.Id).Select(e => e.Type).ToList();
        Assert.Equal(
            [EventTypes.Profiles.Create, EventTypes.Profiles.Switch, EventTypes.Profiles.Rename, EventTypes.Profiles.Duplicate, EventTypes.Profiles.Switch, EventTypes.Profiles.Delete],
            types);
        Assert.All(db.Events, e => Assert.Equal(Workspace.PersonId, e.OwnerId));
    }

    [Fact]
    public async Task Deleting_a_profile_another_tab_already_deleted_is_refused_and_logged_once_for_its_owner()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        await ws.Profile.EnsureLoadedAsync();
        var doomed = await ws.Profile.CreateAsync("Doomed");
        await ws.Services.GetRequiredService<ProfileStore>().CreateAsync("Spare");
        var sp = ws.Services;
        // A tab that has not heard of the delete yet (no change feed): it still shows the deleted profile.
        var lagging = new ProfileState(sp.GetRequiredService<ProfileStore>(), sp.GetRequiredService<ConceptStore>(), sp.GetRequiredService<EventLog>());
        await lagging.EnsureLoadedAsync();

        await ws.Profile.DeleteActiveAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(lagging.DeleteActiveAsync);

        await using var db = ws.Db();
        var deleted = await db.Events.Where(e => e.Type == EventTypes.Profiles.Delete).ToListAsync();
        var logged = Assert.Single(deleted);
        Assert.Equal(doomed.Id, logged.ProfileId);
        Assert.Equal(Workspace.PersonId, logged.OwnerId);
    }
}
