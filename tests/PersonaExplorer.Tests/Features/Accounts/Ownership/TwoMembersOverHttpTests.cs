using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Accounts.Ownership;

/// <summary>Two real accounts signed in over HTTP on the real app: B gets "not found" for everything of A's, A gets it all.</summary>
public sealed class TwoMembersOverHttpTests : RealAppTest
{
    [Fact]
    public async Task Member_B_gets_not_found_for_member_As_session_profile_study_and_export_and_A_gets_them()
    {
        var anna = await SignIn.CreateAccountAsync(App, "anna@example.org");
        await SignIn.CreateAccountAsync(App, "ben@example.org");
        using var scope = App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentPerson>().ActAs(anna); // Anna's own circuit
        var session = await scope.ServiceProvider.GetRequiredService<SessionStore>().CreateAsync("Annas secret trip to Lisbon", null);
        await scope.ServiceProvider.GetRequiredService<SessionStore>().AddUserMessageAsync(session.Id, "my passport number is X123");
        var profiles = scope.ServiceProvider.GetRequiredService<ProfileStore>();
        var profile = await profiles.CreateAsync("Annas private profile");
        await profiles.SetActiveAsync(profile.Id);
        var study = await scope.ServiceProvider.GetRequiredService<StudyStore>().CreateAsync("Annas study");
        var a = await SignIn.ClientAsync(App, "anna@example.org");
        var b = await SignIn.ClientAsync(App, "ben@example.org");

        var bSession = await b.GetAsync($"/sessions/{session.Id}");
        Assert.Equal(HttpStatusCode.NotFound, bSession.StatusCode);
        Assert.DoesNotContain("Annas secret trip", await bSession.Content.ReadAsStringAsync());
        var aSession = await a.GetAsync($"/sessions/{session.Id}");
        Assert.Equal(HttpStatusCode.OK, aSession.StatusCode);
        Assert.Contains("Annas secret trip", await aSession.Content.ReadAsStringAsync());

        Assert.DoesNotContain("Annas secret trip", await b.GetStringAsync("/"));
        Assert.DoesNotContain("Annas private profile", await b.GetStringAsync("/profiles"));
        Assert.Contains("Annas private profile", await a.GetStringAsync("/profiles"));

        var bStudy = await b.GetStringAsync($"/study/{study.Id}");
        Assert.Contains("study-not-found", bStudy);
        Assert.DoesNotContain("Annas study", bStudy);
        Assert.DoesNotContain("Annas study", await b.GetStringAsync("/study"));
        Assert.Contains("Annas study", await a.GetStringAsync($"/study/{study.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/study/api/studies/{study.Id}/export/export.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/study/api/studies/{study.Id}/export/export.json")).StatusCode);

        // "Your data": each download is the caller's own.
        var bData = await b.GetStringAsync("/account/data");
        var aData = await a.GetStringAsync("/account/data");
        Assert.DoesNotContain("Annas", bData);
        Assert.DoesNotContain("X123", bData);
        Assert.Contains("Annas secret trip to Lisbon", aData);
        Assert.Contains("my passport number is X123", aData);
        Assert.Contains("Annas private profile", aData);
    }
}
