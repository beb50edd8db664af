using MudBlazor;

namespace PersonaExplorer.Components.Layout;

public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        // Status colours are darker than MudBlazor's defaults so chips, badges, alerts and outlined buttons reach
        // WCAG AA contrast (4.5:1) both as white-on-colour and as colour-on-white/grey (checked by axe in the browser tests).
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5", Secondary = "#00695c", AppbarBackground = "#3f51b5",
            Info = "#1565c0", Success = "#1b5e20", Warning = "#9a4d00", Error = "#c62828",
        },
        PaletteDark = new PaletteDark { Primary = "#8c9eff", Secondary = "#4db6ac" },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
