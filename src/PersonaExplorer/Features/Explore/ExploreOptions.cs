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

    /// <summary>Live steering waits this long after a profile edit before regenerating (a burst of edits starts one regeneration).</summary>
    [Range(0, 5000)]
    public int SteeringDebounceMs { get; set; } = 40;

    /// <summary>With more enabled concepts than this, the prompt carries the ones most relevant to the request.</summary>
    [Range(1, 500)]
    public int MaxPromptConcepts { get; set; } = 24;

    /// <summary>A paste longer than this is refused in the browser before it reaches the circuit (it could exceed the SignalR receive limit).</summary>
    [Range(1000, 20_000)]
    public int MaxPasteChars { get; set; } = 16_000;
}
