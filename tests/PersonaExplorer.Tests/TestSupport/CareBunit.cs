using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Explore.Care;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>Component tests of the CARE panels: MudBlazor set up as in <see cref="BunitSetup"/>, services from a <see cref="CareHost"/>.</summary>
public static class CareBunit
{
    public static BunitContext Create(CareHost host)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        var s = host.Services;
        ctx.Services.AddSingleton(s.GetRequiredService<CareState>());
        ctx.Services.AddSingleton(s.GetRequiredService<CareActions>());
        ctx.Services.AddSingleton(s.GetRequiredService<CareTurns>());
        ctx.Services.AddSingleton(s.GetRequiredService<ExploreState>());
        ctx.Services.AddSingleton(s.GetRequiredService<MarkdownRenderer>());
        return ctx;
    }

    /// <summary>The component under a dialog provider, so dialogs it opens render in the same markup.</summary>
    public static IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderWithDialogs<T>(this BunitContext ctx) where T : Microsoft.AspNetCore.Components.IComponent =>
        ctx.Render(b =>
        {
            b.OpenComponent<MudDialogProvider>(0);
            b.CloseComponent();
            b.OpenComponent<T>(1);
            b.CloseComponent();
        });
}
