using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Accounts;

public static class AccountsExtensions
{
    /// <summary>
    /// The app's one login: Identity accounts with roles in the app's database, cookie sign-in, the first-run admin,
    /// registration, the sign-in gate (every page needs a signed-in member unless it allows anonymous visitors) and
    /// login throttling.
    /// </summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountsOptions>().Bind(builder.Configuration.GetSection(AccountsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var data = sp.GetRequiredService<IOptions<DataOptions>>().Value;
            return StudyIdentityDbContext.Options(data.Provider, data.ResolveConnectionString(), data.BusyTimeoutSeconds);
        });
        services.AddScoped(sp => StudyIdentityDbContext.Create(sp.GetRequiredService<IOptions<DataOptions>>().Value.Provider,
            sp.GetRequiredService<DbContextOptions<StudyIdentityDbContext>>()));
        services.AddSingleton<IDatabaseSchema, StudyIdentitySchema>();
        // Keys in the database: every instance (and the next start) reads the cookies and circuits another one issued.
        services.AddDataProtection().SetApplicationName("PersonaExplorer").PersistKeysToDbContext<StudyIdentityDbContext>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StudyIdentityDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<AccountsOptions>>((o, accounts) => o.ValidationInterval = accounts.Value.RevalidationInterval);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "pe.account";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = AccountEndpoints.LoginPath;
            o.AccessDeniedPath = AccountEndpoints.LoginPath;
            o.ReturnUrlParameter = "returnUrl";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // API calls (exports) get a plain 401/403 instead of a redirect to the login page.
            o.Events.OnRedirectToLogin = ctx => Redirect(ctx, StatusCodes.Status401Unauthorized, ctx.RedirectUri);
            o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, StatusCodes.Status403Forbidden, AccountEndpoints.LoginPath + "?error=denied");
        });

        var member = new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.Member)
            .RequireAssertion(c => !c.User.HasClaim(claim => claim.Type == AccountStatus.PendingClaim))
            .Build();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(member)
            .SetDefaultPolicy(member)
            .AddPolicy(AccountPolicies.Member, member)
            .AddPolicy(AccountPolicies.Researcher, p => p.Combine(member).RequireRole(Roles.Researcher))
            .AddPolicy(AccountPolicies.Admin, p => p.Combine(member).RequireRole(Roles.Admin));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, AccountAuthenticationStateProvider>();

        services.AddRateLimiter(o =>
        {
            o.AddPolicy(AccountEndpoints.LoginRateLimit, http =>
            {
                var accounts = http.RequestServices.GetRequiredService<IOptions<AccountsOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = accounts.LoginAttemptsPerIp, Window = accounts.LoginWindow, QueueLimit = 0 });
            });
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync("Too many sign-in attempts from your address. Wait a minute, then go back and try again.", ct);
            };
        });

        services.AddSingleton<DummyPassword>();
        services.AddSingleton<SetupAccess>();
        services.AddSingleton<AccountSettings>();
        services.AddSingleton<FirstAdmin>();
        services.AddSingleton<UserAdmin>();
        services.AddScoped<AccountSignIn>();
        services.AddScoped<AccountRegistration>();
        services.AddHostedService<AccountsStartup>();
        return builder;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int apiStatus, string uri)
    {
        if (ctx.Request.Path.StartsWithSegments("/study/api")) ctx.Response.StatusCode = apiStatus;
        else ctx.Response.Redirect(uri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The pages: the gate applies to every page without [AllowAnonymous]; the framework's own endpoints (the circuit's
    /// hub, blazor.web.js) are open, since a participant's page or the sign-in page needs them too.
    /// </summary>
    public static void MapAppPages<TApp>(this IEndpointRouteBuilder app) where TApp : Microsoft.AspNetCore.Components.IComponent
    {
        // Not in a route group: MapRazorComponents finds the static assets (import map, fingerprints) on this builder.
        app.MapRazorComponents<TApp>().AddInteractiveServerRenderMode().Add(endpoint =>
        {
            if (!endpoint.Metadata.OfType<ComponentTypeMetadata>().Any()) endpoint.Metadata.Add(new AllowAnonymousAttribute());
        });
    }
}
