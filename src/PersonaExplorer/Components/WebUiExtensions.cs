using Microsoft.AspNetCore.Diagnostics;
using MudBlazor.Services;
using PersonaExplorer.Components.Security;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Features.Study;

namespace PersonaExplorer.Components;

public static class WebUiExtensions
{
    /// <summary>
    /// SignalR receive limit (32 KB is ASP.NET Core's default): room for the chat box at its paste limit
    /// (<see cref="Features.Explore.ExploreOptions.MaxPasteChars"/>, 16,000 characters, ≤ 48 KB in UTF-8), checked in the
    /// browser so an oversized paste gets a message instead of a dropped circuit. Every text is length-checked on the server too.
    /// </summary>
    public const long MaxReceiveBytes = 64 * 1024;

    public const string NotFoundPath = "/not-found";

    public static IHostApplicationBuilder AddWebUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = MaxReceiveBytes)
            .AddCircuitOptions(o =>
            {
                // Explicit bounds (the defaults, written down): how many closed tabs' circuits wait for a reconnect and
                // for how long, how long a JS call may take, and how many render batches may wait for the browser.
                o.DisconnectedCircuitMaxRetained = 100;
                o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
                o.JSInteropDefaultCallTimeout = TimeSpan.FromMinutes(1);
                o.MaxBufferedUnacknowledgedRenderBatches = 10;
            });
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
