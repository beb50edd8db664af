using Microsoft.Extensions.Configuration;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PersonaExplorer.Tests.Components.Security;

public sealed partial class WebSecurityTests
{
    private static readonly string[] Paths = ["/", "/profiles", "/study/login", "/favicon.svg", "/healthz", "/no-such-page", "/error"];

    [Fact]
    public async Task Every_response_carries_the_content_security_policy_and_the_other_security_headers()
    {
        await using var host = new Host("Development");
        using var client = host.CreateClient();

        foreach (var path in Paths)
        {
            using var response = await client.GetAsync(path);
            var csp = Header(response, "Content-Security-Policy");
            Assert.True(csp is not null, $"{path} ({(int)response.StatusCode}) has no Content-Security-Policy");
            foreach (var directive in new[]
                     {
                         "default-src 'self'", "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'",
                         "object-src 'none'", "base-uri 'self'",
                     })
                Assert.Contains(directive, csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Matches(@"script-src 'self' 'nonce-[^']+'(;|$)", csp);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        }
    }

    [Fact]
    public async Task The_import_map_is_allowed_by_the_nonce_of_its_own_response_and_no_other_inline_script_exists()
    {
        await using var host = new Host("Development");
        using var client = await SignedInAsync(host);

        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        var nonce = Regex.Match(Header(response, "Content-Security-Policy")!, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        var inlineScripts = InlineScript().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(inlineScripts);
        Assert.All(inlineScripts, s => Assert.Contains($"nonce=\"{nonce}\"", WebUtility.HtmlDecode(s)));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("rebind.attacker.test:5080")]
    [InlineData("192.168.1.20")]
    public async Task A_request_for_a_foreign_host_name_is_refused_with_400(string hostHeader) =>
        Assert.Equal(HttpStatusCode.BadRequest, await StatusForHostAsync(hostHeader));

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:5080")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]:5080")]
    public async Task Loopback_host_names_are_served_by_default(string hostHeader) =>
        Assert.Equal(HttpStatusCode.OK, await StatusForHostAsync(hostHeader));

    /// <summary>The status of GET / sent with <paramref name="hostHeader"/> to the app with the root appsettings.json.</summary>
    private static async Task<HttpStatusCode> StatusForHostAsync(string hostHeader)
    {
        await using var host = new Host("Development");
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = hostHeader } };
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_deployment_names_its_own_host_in_AllowedHosts()
    {
        await using var host = new Host("Development", ("AllowedHosts", "study.example.org"));
        using var client = host.CreateClient();

        using var ok = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "study.example.org" } };
        using var refused = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "localhost" } };

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ok)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(refused)).StatusCode);
    }

    [Fact]
    public async Task HEAD_of_the_home_page_answers_like_GET_without_a_body()
    {
        await using var host = new Host("Development");
        using var client = await SignedInAsync(host);

        using var get = await client.GetAsync("/");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(Header(head, "Content-Security-Policy"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_unhandled_error_in_production_shows_the_error_page_without_exception_stack_or_configuration()
    {
        const string Secret = "Ai:Endpoint http://model-host.internal:11434 with Ai:ApiKey sk-secret";
        await using var host = new Host("Production", ("Ai:Endpoint", "http://model-host.internal:11434"));
        host.Throwing = Secret;
        // Signed in (over https: the cookie is Secure in Production), else the sign-in gate answers first.
        using var client = await SignedInAsync(host, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        using var response = await client.GetAsync("/test/throw");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html);
        Assert.Contains("data-testid=\"error-reference\"", html);
        foreach (var leak in new[] { "model-host", "11434", "Ai:", "sk-secret", "InvalidOperationException", "PersonaExplorer.Tests", " at ", "appsettings", "Endpoint" })
            Assert.DoesNotContain(leak, html);
        Assert.NotNull(Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task The_error_page_itself_shows_no_configuration()
    {
        await using var host = new Host("Production", ("Ai:Endpoint", "http://model-host.internal:11434"));
        using var client = host.CreateClient();

        var html = await client.GetStringAsync("/error");

        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("model-host", html);
        Assert.DoesNotContain("Ai:", html);
    }

    [Fact]
    public async Task Outside_development_the_researcher_cookie_is_secure_only_and_https_is_enforced_with_HSTS()
    {
        await using var host = new Host("Production", ("AllowedHosts", "study.example.org"));
        using var client = host.CreateClient();

        var cookie = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie;
        Assert.Equal(CookieSecurePolicy.Always, cookie.SecurePolicy);

        // Over https the response carries HSTS (never for loopback names: a developer's localhost is not pinned).
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://study.example.org/healthz");
        using var response = await client.SendAsync(request);
        Assert.Contains("max-age=", Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task In_development_the_cookie_follows_the_request_scheme()
    {
        await using var host = new Host("Development");
        _ = host.Server;

        var cookie = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie;
        Assert.NotEqual(CookieSecurePolicy.Always, cookie.SecurePolicy);
    }

    [Fact]
    public async Task Forwarded_headers_are_trusted_from_the_configured_proxies_only()
    {
        await using var host = new Host("Production", ("Hosting:KnownProxies:0", "10.0.0.5"), ("Hosting:KnownNetworks:0", "172.16.0.0/12"));
        _ = host.Server;

        var options = host.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        Assert.Contains(IPAddress.Parse("10.0.0.5"), options.KnownProxies);
        Assert.Contains(options.KnownIPNetworks, n => n.ToString() == "172.16.0.0/12");
        Assert.True(options.ForwardedHeaders.HasFlag(Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto));
    }

    [Theory]
    [InlineData("Hosting:PublicBaseUrl", "study.example.org", "Hosting:PublicBaseUrl")]
    [InlineData("Hosting:PublicBaseUrl", "ftp://study.example.org/", "Hosting:PublicBaseUrl")]
    [InlineData("Hosting:KnownProxies:0", "proxy.local", "Hosting:KnownProxies")]
    [InlineData("Hosting:KnownNetworks:0", "10.0.0.0", "Hosting:KnownNetworks")]
    public async Task Invalid_hosting_settings_stop_the_app_at_start_with_a_message_naming_the_setting(string key, string value, string named)
    {
        await using var host = new Host("Development", (key, value));

        // The app refuses to start...
        Assert.ThrowsAny<Exception>(() => host.Server);

        // ...and the reason its options validation gives names the setting. (Read from the validation itself: while a
        // failed start tears the host down, a background service's ObjectDisposedException can surface first.)
        var options = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build()
            .GetSection(PersonaExplorer.Components.Security.HostingOptions.Section).Get<PersonaExplorer.Components.Security.HostingOptions>()!;
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Contains(named, string.Join(" ", results.Select(r => r.ErrorMessage)));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : null;

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    /// <summary>The real app in the given environment with a throw-away data folder; optionally a path that throws.</summary>
    /// <summary>A client signed in as a member: every page but sign-in, set-up and participant links needs one.</summary>
    private static async Task<HttpClient> SignedInAsync(Host host, WebApplicationFactoryClientOptions? options = null)
    {
        var client = host.CreateClient(options ?? new WebApplicationFactoryClientOptions());
        await PersonaExplorer.Tests.TestSupport.TestAccounts.CreateAsync(host.Services, PersonaExplorer.Tests.TestSupport.TestAccounts.MemberEmail);
        await PersonaExplorer.Tests.TestSupport.TestAccounts.SignInAsync(client, PersonaExplorer.Tests.TestSupport.TestAccounts.MemberEmail);
        return client;
    }

    private sealed class Host(string environment, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
    {
        private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "personaexplorer-security-" + Guid.NewGuid().ToString("N")[..12]);

        public string? Throwing { get; set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseContentRoot(AppContext.BaseDirectory);
            builder.UseSetting("Data:Directory", _dataDirectory);
            builder.UseSetting("Ai:Provider", "Offline");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter>(_ => new ThrowingPath(() => Throwing)));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>Appends /test/throw after the app's pipeline, so the app's own exception handler sees the exception.</summary>
    private sealed class ThrowingPath(Func<string?> message) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path == "/test/throw" && message() is { } text
                ? throw new InvalidOperationException(text)
                : nextMiddleware(context));
        };
    }
}
