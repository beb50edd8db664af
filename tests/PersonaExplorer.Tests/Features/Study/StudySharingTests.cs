using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Study;

public sealed class StudySharingTests : RealAppTest
{
    [Fact]
    public async Task A_study_is_shared_only_with_an_account_that_holds_the_Researcher_role()
    {
        var rita = await SignIn.CreateAccountAsync(App, "rita@example.org");
        var rob = await SignIn.CreateAccountAsync(App, "rob@example.org"); // Member and Researcher
        var mia = await TestAccounts.CreateAsync(App.Services, "mia@example.org"); // Member only

        using var ritas = As(rita);
        var study = await ritas.ServiceProvider.GetRequiredService<StudyStore>().CreateAsync("Trip study");
        var sharing = ritas.ServiceProvider.GetRequiredService<StudySharing>();

        Assert.Equal(StudySharing.NoResearcher, await sharing.ShareAsync(study.Id, "mia@example.org"));
        Assert.Equal(StudySharing.NoResearcher, await sharing.ShareAsync(study.Id, "nobody@example.org")); // the same answer: no probing
        Assert.Equal(StudySharing.NoResearcher, await sharing.ShareAsync(study.Id, "  "));
        Assert.Empty(await sharing.SharedWithAsync(study.Id));
        using (var mias = As(mia)) Assert.False(await mias.ServiceProvider.GetRequiredService<StudyStore>().CanSeeAsync(study.Id));

        Assert.Null(await sharing.ShareAsync(study.Id, " rob@example.org "));
        Assert.Equal(["rob@example.org"], await sharing.SharedWithAsync(study.Id));
        using var robs = As(rob);
        Assert.True(await robs.ServiceProvider.GetRequiredService<StudyStore>().CanSeeAsync(study.Id));
    }

    [Fact]
    public async Task Only_the_researcher_who_created_a_study_can_share_it()
    {
        var rita = await SignIn.CreateAccountAsync(App, "rita@example.org");
        var rob = await SignIn.CreateAccountAsync(App, "rob@example.org");
        await SignIn.CreateAccountAsync(App, "rae@example.org");
        Guid id;
        using (var ritas = As(rita)) id = (await ritas.ServiceProvider.GetRequiredService<StudyStore>().CreateAsync("Trip study")).Id;

        using var robs = As(rob);
        var sharing = robs.ServiceProvider.GetRequiredService<StudySharing>();
        Assert.Equal("This study no longer exists.", await sharing.ShareAsync(id, "rae@example.org")); // not his: like one that does not exist
        Assert.Empty(await sharing.SharedWithAsync(id));
    }

    private IServiceScope As(string person)
    {
        var scope = App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentPerson>().ActAs(person);
        return scope;
    }
}
