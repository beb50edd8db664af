using MudBlazor.Services;
using PersonaExplorer.Components.Security;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Features.Study;

namespace PersonaExplorer.Components;

public static class WebUiExtensions
{
    /// <summary>SignalR receive limit: large enough for the longest accepted message, so an oversized paste is rejected with a message instead of killing the circuit.</summary>
    public const long MaxReceiveBytes = 1024 * 1024;

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
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccounts();
        app.MapStudy();
        app.MapAppPages<App>();
        return app;
    }
}
