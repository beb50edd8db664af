using System.ComponentModel.DataAnnotations;

namespace PersonaExplorer.Features.Explore;

public sealed class ExploreOptions
{
    public const string Section = "Explore";

    /// <summary>Longest chat message accepted; longer ones get a clear message and nothing is stored.</summary>
    [Range(1, 200_000)]
    public int MaxMessageChars { get; set; } = 8000;

    /// <summary>A streaming answer re-renders at most this often.</summary>
    [Range(10, 1000)]
    public int StreamRenderIntervalMs { get; set; } = 50;

    /// <summary>A paste longer than this is refused in the browser before it reaches the circuit (it could exceed the SignalR receive limit).</summary>
    [Range(1000, 300_000)]
    public int MaxPasteChars { get; set; } = 100_000;
}
