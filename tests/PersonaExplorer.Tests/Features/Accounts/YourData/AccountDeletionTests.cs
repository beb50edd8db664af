using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Accounts.YourData;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Accounts.YourData;

/// <summary>"Delete my account and all my data" over HTTP on the real app, signed in through the real login.</summary>
public sealed class AccountDeletionTests : RealAppTest
{
    [Fact]
    public async Task Deleting_the_account_leaves_no_row_and_no_event_of_the_person_and_the_sign_in_stops_working()
    {
        var anna = await SignIn.CreateAccountAsync(App, "anna@example.org");
        var ben = await SignIn.CreateAccountAsync(App, "ben@example.org");
        await LiveALittleAsync(anna, "Annas trip");
        await LiveALittleAsync(ben, "Bens trip");
        var client = await SignIn.ClientAsync(App, "anna@example.org");

        var response = await PostDeleteAsync(client, ("confirm", "delete"), ("account", "delete"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AccountEndpoints.LoginPath + "?deleted=1", response.Headers.Location?.OriginalString);
        using var scope = App.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByIdAsync(anna));
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Sessions.AnyAsync(s => s.OwnerId == anna));
        Assert.False(await db.Profiles.AnyAsync(p => p.OwnerId == anna));
        Assert.False(await db.Events.AnyAsync(e => e.OwnerId == anna));
        Assert.False(await db.Messages.AnyAsync(m => m.Content.Contains("Annas trip")));
        Assert.True(await db.Sessions.AnyAsync(s => s.OwnerId == ben && s.Title == "Bens trip")); // nobody else's data goes
        await Assert.ThrowsAnyAsync<Exception>(() => SignIn.ClientAsync(App, "anna@example.org"));
    }

    [Fact]
    public async Task The_last_admin_cannot_delete_the_account_and_keeps_the_data()
    {
        var admin = await TestAccounts.CreateAsync(App.Services, "admin@example.org", Roles.Admin);
        await LiveALittleAsync(admin, "Admins trip");
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TestAccounts.SignInAsync(client, "admin@example.org");

        var response = await PostDeleteAsync(client, ("confirm", "delete"), ("account", "delete"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("last active admin", await response.Content.ReadAsStringAsync());
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync();
        Assert.True(await db.Sessions.AnyAsync(s => s.OwnerId == admin));
    }

    private async Task LiveALittleAsync(string owner, string title)
    {
        using var scope = App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentPerson>().ActAs(owner);
        var sessions = scope.ServiceProvider.GetRequiredService<SessionStore>();
        var session = await sessions.CreateAsync(title, null);
        await sessions.AddUserMessageAsync(session.Id, $"{title}: a message");
        await scope.ServiceProvider.GetRequiredService<EventLog>().RecordAsync("message.sent", session.Id, null, new { title });
    }

    private static async Task<HttpResponseMessage> PostDeleteAsync(HttpClient client, params (string Name, string Value)[] fields)
    {
        var token = await TestAccounts.AntiforgeryTokenAsync(client, AccountEndpoints.PasswordPath);
        return await client.PostAsync(YourDataEndpoints.DeletePath, TestAccounts.Form(token, fields));
    }
}
