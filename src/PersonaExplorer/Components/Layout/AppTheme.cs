using MudBlazor;

namespace PersonaExplorer.Components.Layout;

public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#3f51b5", Secondary = "#00897b", AppbarBackground = "#3f51b5" },
        PaletteDark = new PaletteDark { Primary = "#8c9eff", Secondary = "#4db6ac" },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
