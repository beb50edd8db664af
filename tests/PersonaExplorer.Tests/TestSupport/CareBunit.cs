using Bunit;
using MudBlazor;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>Component tests of the CARE panels: the shared <see cref="BunitSetup"/> over a <see cref="CareHost"/>.</summary>
public static class CareBunit
{
    public static BunitContext Create(CareHost host) => BunitSetup.Create(host.Services);

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
