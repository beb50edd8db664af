using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Accounts;

/// <summary>Sign-in: throttled per address and per account, the same answer for an unknown e-mail, safe return URLs.</summary>
public sealed class SignInTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-signin-").FullName;
    private AccountsApp _app = default!;

    public async Task InitializeAsync()
    {
        _app = new AccountsApp(AccountsApp.NewDatabase(_dir, ("Accounts:LoginAttemptsPerIp", "8")));
        await TestAccounts.CreateAsync(_app.Services, TestAccounts.MemberEmail);
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var token = await TestAccounts.AntiforgeryTokenAsync(client, AccountEndpoints.LoginPath);
        return await client.PostAsync(AccountEndpoints.LoginPost, TestAccounts.Form(token, ("email", email), ("password", password), ("returnUrl", returnUrl)));
    }

    [Fact]
    public async Task One_address_gets_429_with_a_reason_after_its_attempts_per_minute_and_another_address_still_signs_in()
    {
        var attacker = _app.Client("198.51.100.1");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++) statuses.Add((await LoginAsync(attacker, $"guess{i}@example.org", "Wrong-password1")).StatusCode);

        Assert.All(statuses.Take(8), s => Assert.Equal(HttpStatusCode.Redirect, s));
        var refused = await LoginAsync(attacker, TestAccounts.MemberEmail, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync());
        await TestAccounts.SignInAsync(_app.Client("198.51.100.2"), TestAccounts.MemberEmail);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password_from_any_address()
    {
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
            answers.Add((await LoginAsync(_app.Client($"198.51.100.{10 + i}"), TestAccounts.MemberEmail, $"Guess-{i}-password")).Headers.Location!.OriginalString);
        Assert.All(answers.Take(4), a => Assert.Contains("error=invalid", a));
        Assert.Contains("error=locked", answers[4]); // the fifth failure locks

        var locked = await LoginAsync(_app.Client("198.51.100.99"), TestAccounts.MemberEmail, TestAccounts.Password);
        Assert.Contains("error=locked", locked.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_as_a_wrong_password_after_hashing_a_password_too()
    {
        var client = _app.Client("198.51.100.50");
        var unknown = await LoginAsync(client, "nobody@example.org", "Wrong-password1");
        var wrong = await LoginAsync(client, TestAccounts.MemberEmail, "Wrong-password1");
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal(wrong.Headers.Location, unknown.Headers.Location);
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());

        // Timing: without the dummy hash an unknown e-mail answers in well under a millisecond, a real check takes
        // a PBKDF2 hash (tens of ms). Medians of a few tries, a wide margin for a loaded machine.
        var signIn = () => _app.Services.CreateScope().ServiceProvider.GetRequiredService<AccountSignIn>();
        async Task<double> MedianMsAsync(string email)
        {
            var times = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                Assert.Equal(SignInOutcome.Invalid, await signIn().SignInAsync(email, "Wrong-password1"));
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            return times.Order().ElementAt(1);
        }
        await TestAccounts.CreateAsync(_app.Services, "timing@example.org");
        var wrongMs = await MedianMsAsync("timing@example.org");
        var unknownMs = await MedianMsAsync("nobody@example.org");
        Assert.True(unknownMs > wrongMs / 4, $"unknown e-mail {unknownMs:0.0} ms vs wrong password {wrongMs:0.0} ms");
    }

    [Theory]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/profiles", "/profiles")]
    public async Task Sign_in_returns_only_to_a_local_page(string returnUrl, string expected)
    {
        var ok = await LoginAsync(_app.Client(), TestAccounts.MemberEmail, TestAccounts.Password, returnUrl);
        Assert.Equal(expected, ok.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_without_an_antiforgery_token_is_rejected()
    {
        var r = await _app.Client().PostAsync(AccountEndpoints.LoginPost, new FormUrlEncodedContent([new("email", "a@b.c"), new("password", "x")]));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = _app.Client();
        await TestAccounts.SignInAsync(client, TestAccounts.MemberEmail);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/profiles")).StatusCode);
        var token = await TestAccounts.AntiforgeryTokenAsync(client, AccountEndpoints.PasswordPath);
        var signedOut = await client.PostAsync(AccountEndpoints.LogoutPost, TestAccounts.Form(token));
        Assert.Equal(AccountEndpoints.LoginPath + "?signedout=1", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/profiles")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
