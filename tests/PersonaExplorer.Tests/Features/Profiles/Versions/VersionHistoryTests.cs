using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Profiles.Versions;

namespace PersonaExplorer.Tests.Features.Profiles.Versions;

public class VersionHistoryTests
{
    [Fact]
    public async Task Lists_versions_diffs_and_restores_as_a_new_version()
    {
        await using var db = await ProfileTestDb.CreateAsync();
        await using var ctx = ProfilesBunit.Create(db);
        var p = await db.ProfileWithAsync("Trips", "likes trains");
        await db.Store.SetActiveAsync(p.Id);
        var changed = ConceptStore.Copy(p.Concepts[0]);
        changed.Text = "loves night trains";
        await db.Concepts.UpdateAsync(changed);
        await ctx.Services.GetRequiredService<ProfileState>().ReloadAsync();

        var cut = ctx.Render<VersionHistory>(ps => ps.Add(c => c.ProfileId, p.Id));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=profile-version]").Count));

        await cut.InvokeAsync(() => cut.Find("[data-testid=diff-show]").Click());
        cut.WaitForAssertion(() => Assert.Contains("night", cut.Find("[data-testid=diff-add]").TextContent));

        var v2 = cut.FindAll("[data-testid=profile-version]").Single(r => r.GetAttribute("data-version") == "2");
        await cut.InvokeAsync(() => v2.QuerySelector("[data-testid=profile-restore]")!.Click());

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=profile-version]").Count));
        Assert.Contains("restore of v2", cut.Markup);
        Assert.Equal("likes trains", Assert.Single((await db.Store.GetAsync(p.Id))!.Concepts).Text);
    }
}
