namespace PersonaExplorer.Data;

// Entities are provider-neutral on purpose (no SQLite-only types), so PostgreSQL can get its own migrations later.
// Enums are stored as strings: readable in exports and stable when members are added.

public enum ConceptSource { Stated, Inferred, Edited, Imported }
public enum MessageRole { User, Assistant }
public enum MessageStatus { Complete, Streaming, Partial, Failed, Cancelled }
public enum NeedKind { Explicit, Implicit }
public enum NeedStatus { Proposed, Confirmed, Rejected, Edited }

public sealed class Profile
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The person (Identity user id or participant owner) whose profile this is; empty for rows from before owners existed.</summary>
    public string OwnerId { get; set; } = "";
    public required string Name { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedUtc { get; set; } = DateTime.UtcNow;
    public List<Concept> Concepts { get; set; } = [];
}

/// <summary>A short natural-language statement about the person that steers the model (LACE-style concept).</summary>
public sealed class Concept
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ProfileId { get; set; }
    public Profile? Profile { get; set; }
    public required string Text { get; set; }
    public string Category { get; set; } = "general";
    /// <summary>Strength of the preference, -1 (avoid) … 1 (strong).</summary>
    public double Weight { get; set; } = 1.0;
    public bool Enabled { get; set; } = true;
    public ConceptSource Source { get; set; } = ConceptSource.Stated;
    public string? Evidence { get; set; }
    /// <summary>Private concepts are only sent to local/offline models.</summary>
    public bool IsPrivate { get; set; }
    /// <summary>When set, the concept applies to this session only.</summary>
    public Guid? SessionId { get; set; }
    public int SortOrder { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedUtc { get; set; } = DateTime.UtcNow;
}

public sealed class ExplorationSession
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The person whose exploration this is (a participant owner for trial sessions); empty for rows from before owners existed.</summary>
    public string OwnerId { get; set; } = "";
    public string Title { get; set; } = "New exploration";
    public Guid? ProfileId { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedUtc { get; set; } = DateTime.UtcNow;
    public List<Message> Messages { get; set; } = [];
    public List<Need> Needs { get; set; } = [];
    public List<SolutionCard> SolutionCards { get; set; } = [];
}

public sealed class Message
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SessionId { get; set; }
    public ExplorationSession? Session { get; set; }
    /// <summary>Order within the session (user and assistant messages interleave).</summary>
    public int Sequence { get; set; }
    public MessageRole Role { get; set; }
    public string Content { get; set; } = "";
    public MessageStatus Status { get; set; } = MessageStatus.Complete;
    /// <summary>A regenerated or retried answer hides the one it replaces; the old one is kept, not deleted.</summary>
    public bool IsSuperseded { get; set; }
    public string? Model { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
    public DateTime? CompletedUtc { get; set; }
    public int? FirstTokenMs { get; set; }
    public int? DurationMs { get; set; }
    public long? InputTokens { get; set; }
    public long? OutputTokens { get; set; }
}

public sealed class Need
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SessionId { get; set; }
    public NeedKind Kind { get; set; }
    public required string Statement { get; set; }
    public string? Evidence { get; set; }
    /// <summary>1 (highest) … 5 (lowest).</summary>
    public int Priority { get; set; } = 3;
    public NeedStatus Status { get; set; } = NeedStatus.Proposed;
    public double Confidence { get; set; }
    public int SortOrder { get; set; }
    public Guid? SourceMessageId { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedUtc { get; set; } = DateTime.UtcNow;
}

public sealed class SolutionCard
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SessionId { get; set; }
    public required string Title { get; set; }
    /// <summary>Markdown.</summary>
    public string Summary { get; set; } = "";
    /// <summary>"need statement: how this card meets it" lines.</summary>
    public List<string> MeetsNeeds { get; set; } = [];
    public List<string> ConceptsUsed { get; set; } = [];
    public List<string> TradeOffs { get; set; } = [];
    public List<string> UnmetNeeds { get; set; } = [];
    public int Rank { get; set; }
    public bool Pinned { get; set; }
    public bool Discarded { get; set; }
    public Guid? SourceMessageId { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
}

/// <summary>One user action, the raw material of study logs. Timestamp in UTC milliseconds since the Unix epoch.</summary>
public sealed class InteractionEvent
{
    public long Id { get; set; }
    /// <summary>Whose action this was (the owner of its session or profile).</summary>
    public string OwnerId { get; set; } = "";
    public required string Type { get; set; }
    public string PayloadJson { get; set; } = "{}";
    public long TimestampMs { get; set; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    public Guid? SessionId { get; set; }
    public Guid? ProfileId { get; set; }
}

/// <summary>Which of their profiles steers a person's answers: one row per person, so one switching never changes another's.</summary>
public sealed class ActiveProfile
{
    public required string OwnerId { get; set; }
    public Guid ProfileId { get; set; }
}

/// <summary>
/// What one person (an account, or a participant's code) has spent of the model budget: today's actions and tokens and
/// the messages of the current rate window. One row per person, updated in place by one statement per charge, so every
/// instance on the database shares it (see <c>PersonBudgets</c>).
/// </summary>
public sealed class ModelSpend
{
    public required string OwnerId { get; set; }
    /// <summary>The UTC day the counts are for (<see cref="DateOnly.DayNumber"/>): a charge on a later day starts them over.</summary>
    public int Day { get; set; }
    public int Actions { get; set; }
    public long Tokens { get; set; }
    /// <summary>When the current message window began (Unix milliseconds; integers compare the same on every provider).</summary>
    public long WindowStartMs { get; set; }
    public int WindowMessages { get; set; }
}
