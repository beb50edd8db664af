using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Accounts;

/// <summary>The sign-in gate: anonymous visitors reach only the sign-in, set-up, participant and health pages; roles guard /study and /admin.</summary>
public sealed class GateTests : IAsyncLifetime
{
    private const string SecretTitle = "Secret weekend in Porto";
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-gate-").FullName;
    private AccountsApp _app = default!;
    private Guid _session;

    public async Task InitializeAsync()
    {
        _app = new AccountsApp(AccountsApp.NewDatabase(_dir));
        var member = await TestAccounts.CreateAsync(_app.Services, TestAccounts.MemberEmail);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync();
        var session = new ExplorationSession { Title = SecretTitle, OwnerId = member }; // the member's own session
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        _session = session.Id;
    }

    [Fact]
    public async Task Anonymous_requests_for_workspace_session_profiles_and_study_redirect_to_sign_in_and_show_no_session_title()
    {
        var client = _app.Client();
        foreach (var path in new[] { "/", $"/sessions/{_session}", "/profiles", "/study", "/admin/users", "/no-such-page" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"{AccountEndpoints.LoginPath}?returnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
            Assert.DoesNotContain(SecretTitle, await response.Content.ReadAsStringAsync());
        }
        var login = await client.GetStringAsync(AccountEndpoints.LoginPath + "?returnUrl=%2F");
        Assert.Contains("login-form", login);
        Assert.DoesNotContain(SecretTitle, login);
    }

    [Fact]
    public async Task Sign_in_participant_health_error_and_static_pages_are_open_to_anonymous_visitors()
    {
        var client = _app.Client();
        foreach (var path in new[] { AccountEndpoints.LoginPath, AccountEndpoints.RegisterPath, "/healthz", "/error", "/favicon.svg", "/_framework/blazor.web.js",
                     "/p/" + PersonaExplorer.Features.Study.ParticipantCodes.New() })
            Assert.True((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK, path);
        Assert.Contains("participant-invalid", await client.GetStringAsync("/p/" + PersonaExplorer.Features.Study.ParticipantCodes.New()));
        // The old researcher pages send people to the new ones.
        Assert.Equal(AccountEndpoints.LoginPath + "?returnUrl=%2Fstudy", (await client.GetAsync("/study/login?returnUrl=%2Fstudy")).Headers.Location!.OriginalString);
        Assert.Equal(AccountEndpoints.SetupPath, (await client.GetAsync("/study/setup")).Headers.Location!.OriginalString);
        // Study exports answer an API client with 401, not a page.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/study/api/studies/00000000-0000-0000-0000-000000000001/export/events.csv")).StatusCode);
    }

    [Fact]
    public async Task A_member_explores_but_needs_Researcher_for_study_and_Admin_for_admin()
    {
        var member = _app.Client();
        await TestAccounts.SignInAsync(member, TestAccounts.MemberEmail);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/")).StatusCode);
        var session = await member.GetAsync($"/sessions/{_session}");
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        foreach (var path in new[] { "/study", "/admin/users" })
        {
            var denied = await member.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Equal(AccountEndpoints.LoginPath + "?error=denied", new Uri(new Uri("http://localhost"), denied.Headers.Location!).PathAndQuery); // the cookie handler answers relative, the page absolute
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/study/api/studies/00000000-0000-0000-0000-000000000001/export/events.csv")).StatusCode);

        await TestAccounts.CreateAsync(_app.Services, TestAccounts.ResearcherEmail, Roles.Researcher);
        var researcher = _app.Client();
        await TestAccounts.SignInAsync(researcher, TestAccounts.ResearcherEmail);
        Assert.Equal(HttpStatusCode.OK, (await researcher.GetAsync("/study")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await researcher.GetAsync("/admin/users")).StatusCode);

        await TestAccounts.CreateAsync(_app.Services, "admin@example.org", Roles.Admin);
        var admin = _app.Client();
        await TestAccounts.SignInAsync(admin, "admin@example.org");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
