using System.ComponentModel.DataAnnotations;

namespace PersonaExplorer.Ai.Agents;

/// <summary>The "Care" configuration section: limits of the multi-agent turn.</summary>
public sealed class AgentOptions
{
    public const string Section = "Care";

    /// <summary>How many recent messages the panel agents read at most (the chat answer's history is chosen by Limits:ChatInputTokens).</summary>
    [Range(2, 200)]
    public int ConversationWindow { get; set; } = 12;

    /// <summary>Tokens of conversation the panel agents read (newest first, within <see cref="ConversationWindow"/>): a turn's cost stays bounded.</summary>
    [Range(100, 100_000)]
    public int ConversationTokens { get; set; } = 600;

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
