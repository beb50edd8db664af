namespace PersonaExplorer.Data;

// Entities of the CARE-style multi-agent turn (task breakdown, clarifying questions, per-agent traces).

/// <summary>One part of the task (ExploreLLM-style node) with the options the person can pick.</summary>
public sealed class SubTask
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SessionId { get; set; }
    public required string Title { get; set; }
    public List<string> Options { get; set; } = [];
    /// <summary>The options the person picked; they steer every later answer like the person's own preferences.</summary>
    public List<string> SelectedOptions { get; set; } = [];
    public int SortOrder { get; set; }
    public Guid? SourceMessageId { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
}

/// <summary>A question the inquiry agent asked about an underspecified request; its answers are quick-reply chips.</summary>
public sealed class ClarifyingQuestion
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SessionId { get; set; }
    /// <summary>The user message the question is about.</summary>
    public Guid MessageId { get; set; }
    public required string Question { get; set; }
    public List<string> QuickReplies { get; set; } = [];
    /// <summary>The reply the person clicked, if any.</summary>
    public string? Answer { get; set; }
    public int SortOrder { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
}

/// <summary>One model call made by an agent during a turn: what was sent, what came back, how long and how many tokens.</summary>
public sealed class AgentTrace
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SessionId { get; set; }
    /// <summary>The user message that started the turn.</summary>
    public Guid TurnId { get; set; }
    public required string Agent { get; set; }
    /// <summary>1 for the first call, 2 for the repair retry.</summary>
    public int Attempt { get; set; } = 1;
    public string MessagesJson { get; set; } = "[]";
    public string? ResultJson { get; set; }
    public string? Error { get; set; }
    public long LatencyMs { get; set; }
    public long? InputTokens { get; set; }
    public long? OutputTokens { get; set; }
    public string? Model { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
}
