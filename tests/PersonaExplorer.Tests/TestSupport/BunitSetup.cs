using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>One MudBlazor set-up for component tests (loose JS interop, no popover-provider check), wired to a test workspace.</summary>
public static class BunitSetup
{
    // bUnit waits 1 s by default; a save on PostgreSQL under a loaded CI machine can take longer than that.
    static BunitSetup() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    public static BunitContext Create(Workspace ws) => Create(ws.Services);

    public static BunitContext Create(IServiceProvider circuit)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        // Everything else comes from the workspace's own container (one circuit scope), as in the app.
        ctx.Services.AddFallbackServiceProvider(circuit);
        return ctx;
    }
}
