namespace PersonaExplorer.Components.Charts;

/// <summary>
/// Plotly reads labels as pseudo-HTML (&lt;a href&gt;, &lt;span style&gt;, &lt;br&gt;, entities): text a user or
/// researcher typed is entity-escaped so it is shown exactly as typed and never becomes a link or a style.
/// </summary>
public static class ChartText
{
    public static string Escape(string? text) =>
        (text ?? "").Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
