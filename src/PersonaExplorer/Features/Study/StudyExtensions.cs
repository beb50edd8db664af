using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Study.Auth;
using PersonaExplorer.Features.Study.Export;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Features.Study;

public static class StudyExtensions
{
    /// <summary>Study mode: researcher accounts (Identity, cookie auth), studies, participant flow, export, dashboard, simulation.</summary>
    public static IHostApplicationBuilder AddStudy(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp =>
        {
            var data = sp.GetRequiredService<IOptions<DataOptions>>().Value;
            return StudyIdentityDbContext.Options(data.Provider, data.ResolveConnectionString(), data.BusyTimeoutSeconds);
        });
        services.AddScoped(sp => StudyIdentityDbContext.Create(sp.GetRequiredService<IOptions<DataOptions>>().Value.Provider,
            sp.GetRequiredService<DbContextOptions<StudyIdentityDbContext>>()));
        services.AddSingleton<IDatabaseSchema, StudyIdentitySchema>();
        services.TryAddSingleton<PersonaExplorer.Features.Accounts.IUnownedData, PersonaExplorer.Features.Accounts.NoUnownedData>();
        // Keys in the database: every instance reads the cookies and circuits another one issued.
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
            .AddEntityFrameworkStores<StudyIdentityDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "pe.researcher";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = StudyAuthEndpoints.LoginPath;
            o.AccessDeniedPath = StudyAuthEndpoints.LoginPath;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // API calls (exports) get a plain 401 instead of a redirect to the login page.
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/study/api")) ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(StudyAuth.Policy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();

        services.AddSingleton<ResearcherAccounts>();
        services.AddSingleton<StudyEventTagger>();
        services.AddSingleton<IEventTagger>(sp => sp.GetRequiredService<StudyEventTagger>());
        services.AddScoped<StudyStore>();
        services.AddSingleton<StudyDeletion>();
        services.AddSingleton<ParticipantFlow>();
        services.AddSingleton<StudyExporter>();
        services.AddSingleton<Dashboard.StudyDashboardData>();
        services.AddScoped<Simulation.SimulatedParticipantRunner>();
        services.AddScoped<Simulation.ISimulatedWorkspaceActions, Simulation.CareSimulatedActions>();
        services.AddOfflineDemoModel();
        services.AddCurrentPerson();
        return builder;
    }

    /// <summary>Endpoints: researcher sign-in/out (form posts) and exports.</summary>
    public static IEndpointRouteBuilder MapStudy(this IEndpointRouteBuilder app)
    {
        app.MapStudyAuth();
        app.MapStudyExport();
        return app;
    }
}
