using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Accounts;

/// <summary>Accounts across restarts and upgrades, registration modes, and what the admin changes.</summary>
public sealed class AccountLifecycleTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-accounts-").FullName;
    private Dictionary<string, string?> _settings = default!;

    public Task InitializeAsync()
    {
        _settings = AccountsApp.NewDatabase(_dir);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_cookie_issued_before_a_restart_still_signs_in_after_it()
    {
        var cookies = new CookieContainer();
        await using (var before = new AccountsApp(_settings))
        {
            await TestAccounts.CreateAsync(before.Services, TestAccounts.MemberEmail);
            var client = before.Client(cookies: cookies);
            await TestAccounts.SignInAsync(client, TestAccounts.MemberEmail);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/profiles")).StatusCode);
        }

        await using var after = new AccountsApp(_settings);
        var again = after.Client(cookies: cookies);
        var response = await again.GetAsync("/profiles");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"account-menu\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Researcher_accounts_of_the_earlier_version_keep_signing_in_the_oldest_becomes_admin()
    {
        var provider = TestDatabase.Provider;
        var connection = provider == DataProvider.PostgreSQL ? _settings["Data:ConnectionString"]! : $"Data Source={Path.Combine(_dir, "personaexplorer.db")};Pooling=False";
        await using (var old = StudyIdentityDbContext.Create(provider, StudyIdentityDbContext.Options(provider, connection)))
        {
            var migrations = old.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_AccountRoles", StringComparison.Ordinal)) - 1];
            await old.GetService<IMigrator>().MigrateAsync(before);
            var hasher = new PasswordHasher<IdentityUser>();
            foreach (var email in new[] { "first@example.org", "second@example.org" })
            {
                var user = new IdentityUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true };
                user.PasswordHash = hasher.HashPassword(user, TestAccounts.Password);
                // Raw SQL: the model of this version has tables the old schema does not.
                await old.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp",
                      "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                    VALUES ({user.Id}, {user.UserName}, {user.NormalizedUserName}, {user.Email}, {user.NormalizedEmail}, {true}, {user.PasswordHash}, {user.SecurityStamp},
                      {Guid.NewGuid().ToString()}, {false}, {false}, {true}, {0})
                    """);
            }
        }
        Npgsql.NpgsqlConnection.ClearAllPools();

        await using var app = new AccountsApp(_settings);
        var first = app.Client();
        await TestAccounts.SignInAsync(first, "first@example.org");
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/study")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/")).StatusCode);
        var second = app.Client();
        await TestAccounts.SignInAsync(second, "second@example.org");
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/study")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/admin/users")).StatusCode);
        Assert.NotNull(await app.Services.GetRequiredService<AccountSettings>().FirstAdminIdAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await app.Client().GetAsync(AccountEndpoints.SetupPath)).StatusCode);
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email)
    {
        var token = await TestAccounts.AntiforgeryTokenAsync(client, AccountEndpoints.RegisterPath);
        return await client.PostAsync(AccountEndpoints.RegisterPost, TestAccounts.Form(token, ("email", email), ("password", TestAccounts.Password), ("confirm", TestAccounts.Password)));
    }

    [Fact]
    public async Task Registration_open_signs_in_approval_waits_for_the_admin_closed_refuses()
    {
        await using var app = new AccountsApp(_settings);
        await TestAccounts.CreateAsync(app.Services, "admin@example.org", Roles.Admin, Roles.Researcher);
        var settings = app.Services.GetRequiredService<AccountSettings>();
        Assert.Equal(RegistrationMode.Open, await settings.RegistrationAsync());

        var open = app.Client();
        Assert.Equal("/", (await RegisterAsync(open, "open@example.org")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/")).StatusCode);

        await settings.SetRegistrationAsync(RegistrationMode.Approval);
        var waiting = app.Client();
        Assert.Equal(AccountEndpoints.LoginPath + "?error=pending", (await RegisterAsync(waiting, "waiting@example.org")).Headers.Location!.OriginalString);
        var token = await TestAccounts.AntiforgeryTokenAsync(waiting, AccountEndpoints.LoginPath);
        var refused = await waiting.PostAsync(AccountEndpoints.LoginPost, TestAccounts.Form(token, ("email", "waiting@example.org"), ("password", TestAccounts.Password)));
        Assert.Contains("error=pending", refused.Headers.Location!.OriginalString);
        Assert.Contains("waits for an admin", await waiting.GetStringAsync(refused.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.Redirect, (await waiting.GetAsync("/")).StatusCode);

        var admin = app.Services.GetRequiredService<UserAdmin>();
        var row = (await admin.ListAsync()).Single(r => r.Email == "waiting@example.org");
        Assert.Equal(AccountState.Pending, row.State);
        Assert.Null(await admin.ApproveAsync(row.Id));
        await TestAccounts.SignInAsync(waiting, "waiting@example.org");
        Assert.Equal(HttpStatusCode.OK, (await waiting.GetAsync("/")).StatusCode);

        await settings.SetRegistrationAsync(RegistrationMode.Closed);
        var closed = app.Client();
        Assert.Contains("register-closed", await closed.GetStringAsync(AccountEndpoints.RegisterPath));
        var token2 = await TestAccounts.AntiforgeryTokenAsync(closed, AccountEndpoints.LoginPath);
        var post = await closed.PostAsync(AccountEndpoints.RegisterPost, TestAccounts.Form(token2, ("email", "late@example.org"), ("password", TestAccounts.Password), ("confirm", TestAccounts.Password)));
        Assert.Contains("Registration%20is%20closed", post.Headers.Location!.OriginalString);
        Assert.DoesNotContain(await admin.ListAsync(), r => r.Email == "late@example.org");
        Assert.DoesNotContain("login-register", await closed.GetStringAsync(AccountEndpoints.LoginPath));
    }

    [Fact]
    public async Task The_admin_disables_resets_and_sets_roles_but_never_removes_the_last_admin()
    {
        await using var app = new AccountsApp(new Dictionary<string, string?>(_settings) { ["Accounts:RevalidationInterval"] = "00:00:01" });
        var adminId = await TestAccounts.CreateAsync(app.Services, "admin@example.org", Roles.Admin);
        var memberId = await TestAccounts.CreateAsync(app.Services, TestAccounts.MemberEmail);
        var admin = app.Services.GetRequiredService<UserAdmin>();
        var member = app.Client();
        await TestAccounts.SignInAsync(member, TestAccounts.MemberEmail);

        Assert.Null(await admin.SetDisabledAsync(memberId, true));
        Assert.Equal(AccountState.Disabled, (await admin.ListAsync()).Single(r => r.Id == memberId).State);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past the revalidation interval
        Assert.Equal(HttpStatusCode.Redirect, (await member.GetAsync("/")).StatusCode); // the new security stamp ends the old cookie
        var token = await TestAccounts.AntiforgeryTokenAsync(member, AccountEndpoints.LoginPath);
        var locked = await member.PostAsync(AccountEndpoints.LoginPost, TestAccounts.Form(token, ("email", TestAccounts.MemberEmail), ("password", TestAccounts.Password)));
        Assert.Contains("error=locked", locked.Headers.Location!.OriginalString);

        Assert.Null(await admin.SetDisabledAsync(memberId, false));
        Assert.Null(await admin.ResetPasswordAsync(memberId, "Another-password9"));
        await TestAccounts.SignInAsync(member, TestAccounts.MemberEmail, "Another-password9");
        Assert.Null(await admin.SetRoleAsync(memberId, Roles.Researcher, true));
        Assert.Equal([Roles.Researcher, Roles.Member], (await admin.ListAsync()).Single(r => r.Id == memberId).Roles);

        Assert.Equal(UserAdmin.LastAdmin, await admin.SetDisabledAsync(adminId, true));
        Assert.Equal(UserAdmin.LastAdmin, await admin.SetRoleAsync(adminId, Roles.Admin, false));
        Assert.NotNull(await admin.SetRoleAsync(memberId, Roles.Member, false)); // every account may explore
    }

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        await Task.CompletedTask;
    }
}
