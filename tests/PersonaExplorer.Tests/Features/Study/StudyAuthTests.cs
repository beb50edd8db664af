using PersonaExplorer.Tests.TestSupport;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace PersonaExplorer.Tests.Features.Study;

/// <summary>The real app in-process on its own temp database: researcher routes and exports need a signed-in researcher.</summary>
public sealed partial class StudyAuthTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-auth-").FullName;
    private WebApplicationFactory<Program> _app = default!;

    public Task InitializeAsync()
    {
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in TestDatabase.HostSettings(_dir)) b.UseSetting(key, value);
            b.UseSetting("Ai:Provider", "Offline");
        });
        return Task.CompletedTask;
    }

    public static readonly string[] ResearcherPages =
        ["/study", "/study/00000000-0000-0000-0000-000000000001", "/study/00000000-0000-0000-0000-000000000001/participants", "/study/00000000-0000-0000-0000-000000000001/dashboard"];

    public static readonly string[] ExportFiles = ["events.csv", "questionnaires.csv", "participants.csv", "export.json", "codebook.md", "export.zip"];

    private HttpClient Client() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Anonymous_requests_to_researcher_pages_redirect_to_login_and_exports_get_401()
    {
        var client = Client();
        foreach (var page in ResearcherPages)
        {
            var r = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.StartsWith("/study/login", r.Headers.Location!.PathAndQuery.Replace(client.BaseAddress!.GetLeftPart(UriPartial.Authority), ""));
        }
        foreach (var file in ExportFiles)
        {
            var r = await client.GetAsync($"/study/api/studies/00000000-0000-0000-0000-000000000001/export/{file}");
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/study/auth/logout", null)).StatusCode); // → login
    }

    [Fact]
    public async Task First_run_setup_creates_one_researcher_then_login_with_lockout()
    {
        var client = Client();
        // setup page exists only while no researcher exists
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/study/setup")).StatusCode);
        var token = await TokenAsync(client, "/study/setup");
        var created = await client.PostAsync("/study/auth/setup", Form(token, ("email", "admin@example.org"), ("password", "Researcher123"), ("confirm", "Researcher123")));
        Assert.Equal("/study", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/study")).StatusCode); // signed in by setup

        // a second setup is refused (and the page is gone)
        var other = Client();
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/study/setup")).StatusCode);
        var t2 = await TokenAsync(other, "/study/login");
        await other.PostAsync("/study/auth/setup", Form(t2, ("email", "evil@example.org"), ("password", "Researcher123"), ("confirm", "Researcher123")));
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/study")).StatusCode);

        // wrong password → error; right password → signed in
        var bad = await other.PostAsync("/study/auth/login", Form(t2, ("email", "admin@example.org"), ("password", "wrong-password"), ("returnUrl", "/study")));
        Assert.Contains("error=invalid", bad.Headers.Location!.OriginalString);
        var good = await other.PostAsync("/study/auth/login", Form(t2, ("email", "admin@example.org"), ("password", "Researcher123"), ("returnUrl", "https://evil.example/")));
        Assert.Equal("/study", good.Headers.Location!.OriginalString); // no open redirect
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/study")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/study/api/studies/00000000-0000-0000-0000-000000000001/export/events.csv")).StatusCode);

        // five wrong passwords lock the account, even for the right password afterwards
        var attacker = Client();
        var t3 = await TokenAsync(attacker, "/study/login");
        for (var i = 0; i < 5; i++)
            await attacker.PostAsync("/study/auth/login", Form(t3, ("email", "admin@example.org"), ("password", $"guess-{i}")));
        var locked = await attacker.PostAsync("/study/auth/login", Form(t3, ("email", "admin@example.org"), ("password", "Researcher123")));
        Assert.Contains("error=locked", locked.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Login_without_an_antiforgery_token_is_rejected()
    {
        var r = await Client().PostAsync("/study/auth/login", new FormUrlEncodedContent([new("email", "a@b.c"), new("password", "x")]));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Fact]
    public async Task Participant_pages_for_unknown_codes_show_nothing()
    {
        var html = await Client().GetStringAsync("/p/" + PersonaExplorer.Features.Study.ParticipantCodes.New());
        Assert.Contains("participant-invalid", html);
        Assert.DoesNotContain("consent-step", html);
    }

    private static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return TokenRegex().Match(html).Groups[1].Value;
    }

    private static FormUrlEncodedContent Form(string token, params (string, string)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
