using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Accounts;

/// <summary>/setup: the first account is the admin; off loopback it needs the setup token; exactly one set-up wins.</summary>
public sealed class FirstRunTests : IAsyncLifetime
{
    private const string OffLoopback = "203.0.113.7";
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-setup-").FullName;
    private Dictionary<string, string?> _settings = default!;
    private AccountsApp _app = default!;

    public Task InitializeAsync()
    {
        _settings = AccountsApp.NewDatabase(_dir);
        _app = new AccountsApp(_settings);
        return Task.CompletedTask;
    }

    /// <summary>Records whom rows without an owner were given to.</summary>
    private sealed class RecordingUnownedData : IUnownedData
    {
        public List<string> Owners { get; } = [];
        public Task GiveToAsync(string ownerId, CancellationToken ct = default) { lock (Owners) Owners.Add(ownerId); return Task.CompletedTask; }
    }

    [Fact]
    public async Task Rows_without_an_owner_go_to_the_first_admin_at_setup_and_at_every_start_after_it()
    {
        var atSetup = new RecordingUnownedData();
        await using var app = new AccountsApp(_settings, s => s.AddSingleton<IUnownedData>(atSetup));
        var client = app.Client();
        await SetupAsync(client, await TestAccounts.AntiforgeryTokenAsync(client, AccountEndpoints.SetupPath), "admin@example.org");
        var admin = await app.Services.GetRequiredService<AccountSettings>().FirstAdminIdAsync();
        Assert.Equal([admin!], atSetup.Owners);

        var atStart = new RecordingUnownedData();
        await using var restarted = new AccountsApp(_settings, s => s.AddSingleton<IUnownedData>(atStart));
        _ = restarted.Services; // starts the host
        Assert.Equal([admin!], atStart.Owners);
    }

    private static Task<HttpResponseMessage> SetupAsync(HttpClient client, string token, string email, string? setupToken = null) =>
        client.PostAsync(AccountEndpoints.SetupPost, TestAccounts.Form(token, ("email", email), ("password", TestAccounts.Password),
            ("confirm", TestAccounts.Password), ("token", setupToken ?? "")));

    private async Task<List<IdentityUser>> UsersAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StudyIdentityDbContext>().Users.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task Setup_from_another_machine_needs_the_token_the_app_logged_and_the_first_account_gets_every_role()
    {
        var client = _app.Client(OffLoopback);
        var page = await client.GetStringAsync(AccountEndpoints.SetupPath);
        Assert.Contains("data-testid=\"setup-token\"", page);
        var form = await TestAccounts.AntiforgeryTokenAsync(client, AccountEndpoints.SetupPath);

        var without = await SetupAsync(client, form, "intruder@example.org");
        var wrong = await SetupAsync(client, form, "intruder@example.org", "0123456789abcdef0123456789abcdef");
        Assert.All([without, wrong], r => Assert.Contains("setup%20token", r.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(await UsersAsync());

        var token = _app.Services.GetRequiredService<SetupAccess>().IssueToken(); // the one the app wrote to its log at start
        var created = await SetupAsync(client, form, "admin@example.org", token);
        Assert.Equal("/", created.Headers.Location!.OriginalString);

        var admin = Assert.Single(await UsersAsync());
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Equal(["Admin", "Member", "Researcher"], (await users.GetRolesAsync(admin)).Order());
        Assert.Equal(admin.Id, await _app.Services.GetRequiredService<AccountSettings>().FirstAdminIdAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode); // signed in by setup

        // Once an account exists /setup is gone, for everyone.
        var later = await _app.Client().GetAsync(AccountEndpoints.SetupPath);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.Equal(AccountEndpoints.LoginPath, later.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Setup_from_this_machine_needs_no_token()
    {
        var client = _app.Client();
        Assert.DoesNotContain("setup-token", await client.GetStringAsync(AccountEndpoints.SetupPath));
        var form = await TestAccounts.AntiforgeryTokenAsync(client, AccountEndpoints.SetupPath);

        var created = await SetupAsync(client, form, "admin@example.org");

        Assert.Equal("/", created.Headers.Location!.OriginalString);
        Assert.Single(await UsersAsync());
    }

    [Fact]
    public async Task Concurrent_setups_in_one_process_and_in_a_second_instance_on_the_same_database_make_exactly_one_admin()
    {
        await using var second = new AccountsApp(_settings);
        var attempts = new List<(HttpClient Client, string Form, string Email)>();
        foreach (var (app, name) in new[] { (_app, "one"), (second, "two") })
            for (var i = 0; i < 4; i++)
            {
                var client = app.Client();
                attempts.Add((client, await TestAccounts.AntiforgeryTokenAsync(client, AccountEndpoints.SetupPath), $"admin-{name}-{i}@example.org"));
            }

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = attempts.Select(async a => { await go.Task; return await SetupAsync(a.Client, a.Form, a.Email); }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(posts);

        var admin = Assert.Single(await UsersAsync());
        Assert.Equal(1, results.Count(r => r.Headers.Location?.OriginalString == "/"));
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Single(await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().GetUsersInRoleAsync(Roles.Admin));
        Assert.Equal(admin.Id, await second.Services.GetRequiredService<AccountSettings>().FirstAdminIdAsync());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
