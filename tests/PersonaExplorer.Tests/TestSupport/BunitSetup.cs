using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using PersonaExplorer.Ai;
using PersonaExplorer.Features.Explore;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>One MudBlazor set-up for component tests (loose JS interop, no popover-provider check), wired to a test workspace.</summary>
public static class BunitSetup
{
    public static BunitContext Create(Workspace ws)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        ctx.Services.AddSingleton(ws.Explore);
        ctx.Services.AddSingleton(ws.Profile);
        ctx.Services.AddSingleton(ws.Sessions);
        ctx.Services.AddSingleton(ws.Profiles);
        ctx.Services.AddSingleton(ws.Services.GetRequiredService<MarkdownRenderer>());
        ctx.Services.AddSingleton(ws.Services.GetRequiredService<ModelInfo>());
        ctx.Services.AddSingleton(ws.Services.GetRequiredService<IOptions<ExploreOptions>>());
        return ctx;
    }
}
