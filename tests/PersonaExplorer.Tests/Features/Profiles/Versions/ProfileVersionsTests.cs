using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Profiles.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Profiles.Versions;

public class ProfileVersionsTests
{
    [Fact]
    public async Task Every_concept_change_creates_a_version_with_who_and_what()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var p = await t.Store.CreateAsync("Trips");
        var c = await t.Concepts.AddAsync(p.Id, "likes trains", "travel", ConceptSource.Stated);
        var edited = ConceptStore.Copy(c);
        edited.Text = "loves night trains";
        await t.Concepts.UpdateAsync(edited);
        edited.Enabled = false;
        await t.Concepts.UpdateAsync(edited);
        edited.Weight = -0.5;
        await t.Concepts.UpdateAsync(edited);
        await t.Concepts.DeleteAsync(c.Id);
        await t.Concepts.RestoreAsync(edited);

        var versions = await t.Versions.ListAsync(p.Id);
        Assert.Equal([7, 6, 5, 4, 3, 2, 1], versions.Select(v => v.Number));
        var summaries = versions.OrderBy(v => v.Number).Select(v => v.Summary).ToList();
        Assert.Equal("you: created 'Trips'", summaries[0]);
        Assert.Equal("you: added 'likes trains'", summaries[1]);
        Assert.Equal("you: edited 'likes trains' → 'loves night trains'", summaries[2]);
        Assert.Equal("you: turned off 'loves night trains'", summaries[3]);
        Assert.Equal("you: reweighted 'loves night trains' to -0.5", summaries[4]);
        Assert.Equal("you: deleted 'loves night trains'", summaries[5]);
        Assert.StartsWith("you: undid delete", summaries[6]);
        Assert.Equal(0, versions.Single(v => v.Number == 6).ConceptCount);
        var last = await t.Versions.ConceptsAsync(p.Id, 7);
        Assert.Equal("loves night trains", Assert.Single(last!).Text);
    }

    [Fact]
    public async Task A_single_edit_stores_only_its_change_and_every_version_reads_back_whole()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var p = await t.Store.CreateAsync("Big");
        var added = new List<Concept>();
        for (var i = 0; i < 60; i++) added.Add(await t.Concepts.AddAsync(p.Id, $"concept number {i}", "general", ConceptSource.Stated));
        var edited = ConceptStore.Copy(added[10]);
        edited.Text = "concept ten, edited";
        await t.Concepts.UpdateAsync(edited);
        await t.Concepts.DeleteAsync(added[20].Id);

        var versions = await t.Versions.ListAsync(p.Id);
        // The newest versions each hold one concept's change, not the 60-concept profile.
        Assert.All(versions.Take(3), v => Assert.True(v.SnapshotJson.Length < 600, $"v{v.Number} stores {v.SnapshotJson.Length} characters"));
        var atAdd30 = await t.Versions.ConceptsAsync(p.Id, 31);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"concept number {i}"), atAdd30!.Select(c => c.Text));
        var current = await t.Versions.ConceptsAsync(p.Id, versions[0].Number);
        Assert.Equal(59, current!.Count);
        Assert.Contains(current, c => c.Text == "concept ten, edited");
        Assert.DoesNotContain(current, c => c.Text == "concept number 20");
        Assert.Equal(59, versions[0].ConceptCount);
    }

    [Fact]
    public async Task A_profile_without_history_gets_a_baseline_before_its_first_change()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        Guid id;
        await using (var db = t.CreateDbContext())
        {
            var seeded = new Profile { Name = "Seeded", OwnerId = ProfileTestDb.OwnerId };
            seeded.Concepts.Add(new Concept { Text = "budget-conscious" });
            db.Profiles.Add(seeded);
            await db.SaveChangesAsync();
            id = seeded.Id;
        }
        await t.Concepts.AddAsync(id, "prefers trains", "travel", ConceptSource.Stated);

        var versions = await t.Versions.ListAsync(id);
        Assert.Equal(2, versions.Count);
        Assert.Equal("initial state", versions[1].Summary);
        Assert.Equal("budget-conscious", Assert.Single(ProfileHistory.Deserialize(versions[1].SnapshotJson)).Text);
    }

    [Fact]
    public async Task Restore_brings_back_the_old_concepts_as_a_new_version()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var p = await t.ProfileWithAsync("P", "prefers vegetarian food", "budget-conscious");
        var veg = p.Concepts.First(c => c.Text.Contains("vegetarian"));
        await t.Concepts.DeleteAsync(veg.Id);
        await t.Concepts.AddAsync(p.Id, "loves luxury hotels", "travel", ConceptSource.Stated);

        var restored = await t.Versions.RestoreAsync(p.Id, 3);

        Assert.Equal(6, restored.Number);
        Assert.Equal("restore of v3", restored.Summary);
        var now = (await t.Store.GetAsync(p.Id))!;
        Assert.Equal(["prefers vegetarian food", "budget-conscious"], now.Concepts.Select(c => c.Text));
        Assert.Equal(veg.Id, now.Concepts[0].Id);
        Assert.Equal(6, (await t.Versions.ListAsync(p.Id)).Count);
    }

    [Fact]
    public async Task Diff_reports_added_removed_and_changed_with_a_word_diff()
    {
        var id1 = Guid.NewGuid();
        var id2 = Guid.NewGuid();
        ConceptSnapshot S(Guid id, string text, double w = 1, bool on = true) => new(id, text, "general", w, on, ConceptSource.Stated, null, false, null, 0);
        var before = new[] { S(id1, "prefers cheap hostels"), S(id2, "likes museums") };
        var after = new[] { S(id1, "prefers cheap quiet hostels", 0.5, false), S(Guid.NewGuid(), "hates flying") };

        var diff = ProfileVersions.Diff(before, after);

        var changed = Assert.Single(diff, d => d.Kind == ConceptChangeKind.Changed);
        Assert.Equal(["text", "turned off", "weight"], changed.Fields);
        Assert.Contains(changed.TextDiff, s => s.Kind == DiffKind.Added && s.Text.Contains("quiet"));
        Assert.DoesNotContain(changed.TextDiff, s => s.Kind == DiffKind.Removed);
        Assert.Equal("likes museums", Assert.Single(diff, d => d.Kind == ConceptChangeKind.Removed).Text);
        Assert.Equal("hates flying", Assert.Single(diff, d => d.Kind == ConceptChangeKind.Added).Text);
    }

    [Fact]
    public async Task Profiles_can_be_created_renamed_duplicated_switched_and_deleted()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var a = await t.ProfileWithAsync("Home", "prefers vegetarian food");
        var b = await t.Store.CreateAsync("Home");
        Assert.Equal("Home (2)", b.Name);
        Assert.Equal("Work", await t.Store.RenameAsync(b.Id, "  Work "));

        var copy = await t.Store.DuplicateAsync(a.Id);
        Assert.Equal("Home (copy)", copy.Name);
        var copied = (await t.Store.GetAsync(copy.Id))!;
        Assert.Equal("prefers vegetarian food", Assert.Single(copied.Concepts).Text);
        Assert.NotEqual(a.Concepts[0].Id, copied.Concepts[0].Id);
        Assert.Equal("you: duplicate of 'Home'", Assert.Single(await t.Versions.ListAsync(copy.Id)).Summary);

        await t.Store.SetActiveAsync(b.Id);
        Assert.Equal(b.Id, (await t.Store.GetActiveAsync()).Id);
        Assert.Single(await t.Store.ListAsync(), p => p.IsActive);

        await t.Store.DeleteProfileAsync(b.Id);
        var left = await t.Store.ListAsync();
        Assert.Equal(2, left.Count);
        Assert.Single(left, p => p.IsActive);
        await t.Store.DeleteProfileAsync(copy.Id);
        await Assert.ThrowsAsync<InvalidOperationException>(() => t.Store.DeleteProfileAsync(a.Id));
    }

    [Fact]
    public void Word_diff_keeps_every_character_of_both_sides()
    {
        const string a = "Here are three places:\n1. **Green Table** — vegetarian (about €12).";
        const string b = "Here are three places:\n1. **Tasca** — grilled fish (about €14).";
        var diff = SteeringDiff.Words(a, b);
        Assert.Equal(a, SteeringDiff.Side(diff, after: false));
        Assert.Equal(b, SteeringDiff.Side(diff, after: true));
    }

    [Fact]
    public async Task Restoring_a_version_from_before_a_session_was_deleted_brings_back_no_concept_of_that_session()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        var (concepts, versions, sessions) = (ws.Services.GetRequiredService<ConceptStore>(), ws.Services.GetRequiredService<ProfileVersions>(), ws.Services.GetRequiredService<SessionStore>());
        var profile = await ws.Profile.CurrentAsync();
        var session = await sessions.CreateAsync("Trip to Lisbon", profile.Id);
        await concepts.AddAsync(profile.Id, new ConceptDraft("wants a quiet hotel", SessionId: session.Id), "you");
        await concepts.AddAsync(profile.Id, "likes trains", "travel", ConceptSource.Stated);
        var withBoth = (await versions.ListAsync(profile.Id)).Max(v => v.Number);

        await sessions.DeleteAsync(session.Id);
        var latest = (await versions.ListAsync(profile.Id)).MaxBy(v => v.Number)!;
        Assert.Equal(withBoth + 1, latest.Number); // the session's concept left as a version of its own
        Assert.Contains("wants a quiet hotel", latest.Summary);
        await versions.RestoreAsync(profile.Id, withBoth);

        await using var db = ws.Db();
        var restored = await db.Concepts.Where(c => c.ProfileId == profile.Id).ToListAsync();
        Assert.Equal(["likes trains"], restored.Select(c => c.Text));
        var sessionIds = await db.Sessions.Select(s => s.Id).ToListAsync();
        Assert.DoesNotContain(restored, c => c.SessionId is { } s && !sessionIds.Contains(s));
    }
}
