using System.ComponentModel.DataAnnotations;

namespace PersonaExplorer.Ai.Agents;

/// <summary>The "Care" configuration section: limits of the multi-agent turn.</summary>
public sealed class AgentOptions
{
    public const string Section = "Care";

    /// <summary>How many recent messages the panel agents read (the chat answer gets the whole history).</summary>
    [Range(2, 200)]
    public int ConversationWindow { get; set; } = 12;

    /// <summary>Longest message text an agent reads; longer messages are cut in the middle.</summary>
    [Range(200, 100_000)]
    public int MaxMessageChars { get; set; } = 4000;

    /// <summary>Cosine similarity (MiniLM) above which a proposed need is the same need as an existing one.</summary>
    [Range(0.1, 1.0)]
    public double NeedMergeThreshold { get; set; } = 0.45;

    /// <summary>Cosine similarity above which a planned sub-task is the same as an existing one (its picks are kept).</summary>
    [Range(0.1, 1.0)]
    public double SubTaskMergeThreshold { get; set; } = 0.6;
}
