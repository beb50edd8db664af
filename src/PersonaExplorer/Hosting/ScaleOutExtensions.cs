using Microsoft.Azure.SignalR;

namespace PersonaExplorer.Hosting;

public static class ScaleOutExtensions
{
    /// <summary>The setting that turns on Azure SignalR Service (the SDK's own key).</summary>
    public const string AzureSignalRSetting = "Azure:SignalR:ConnectionString";

    /// <summary>
    /// Several instances: Blazor circuits live in one process, so either the proxy keeps a browser on its instance
    /// (sticky sessions, README "Running several instances") or Azure SignalR Service carries the circuits — enabled
    /// only when <see cref="AzureSignalRSetting"/> is set. ServerStickyMode.Required: a circuit's messages must reach
    /// the instance holding it.
    /// </summary>
    public static IHostApplicationBuilder AddScaleOut(this IHostApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration[AzureSignalRSetting]))
            builder.Services.AddSignalR().AddAzureSignalR(o => o.ServerStickyMode = ServerStickyMode.Required);
        return builder;
    }
}
