using Microsoft.AspNetCore.Diagnostics;
using MudBlazor.Services;
using PersonaExplorer.Components.Security;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Features.Study;

namespace PersonaExplorer.Components;

public static class WebUiExtensions
{
    /// <summary>SignalR receive limit: large enough for the longest accepted message, so an oversized paste is rejected with a message instead of killing the circuit.</summary>
    public const long MaxReceiveBytes = 1024 * 1024;

    public const string NotFoundPath = "/not-found";

    public static IHostApplicationBuilder AddWebUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = MaxReceiveBytes);
        builder.Services.AddMudServices();
        builder.Services.AddHealthChecks();
        builder.AddWebSecurity();
        builder.Services.AddTransient<IStartupFilter, HeadRequests>();
        return builder;
    }

    public static WebApplication UseWebUi(this WebApplication app)
    {
        app.UseWebSecurity();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        // An unknown address shows the app's not-found page (404, in the layout); other empty error answers stay as they are.
        app.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true);
        app.Use(async (http, next) =>
        {
            await next(http);
            if (http.Response.StatusCode != StatusCodes.Status404NotFound && http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        });
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccounts();
        app.MapStudy();
        app.MapAppPages<App>();
        return app;
    }
}
