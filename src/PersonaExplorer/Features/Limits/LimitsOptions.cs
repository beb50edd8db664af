using System.ComponentModel.DataAnnotations;

namespace PersonaExplorer.Features.Limits;

/// <summary>
/// What one person (a signed-in account, or a study participant's code) may use of the shared model and storage.
/// Bound from <c>Limits</c> in appsettings.json and validated at start; the README lists them.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Input tokens of a chat request's history (system prompt and the current message come on top): older messages are left out.</summary>
    [Range(500, 1_000_000)]
    public int ChatInputTokens { get; set; } = 3000;

    /// <summary>Messages (sends and regenerations) one person may start per <see cref="MessageWindowSeconds"/>.</summary>
    [Range(1, 10_000)]
    public int MessagesPerWindow { get; set; } = 12;

    [Range(1, 86_400)]
    public int MessageWindowSeconds { get; set; } = 60;

    /// <summary>Model work one person may start per UTC day: messages, regenerations, live-steering regenerations, why-this, A/B, build-from-text.</summary>
    [Range(1, 1_000_000)]
    public int ModelActionsPerDay { get; set; } = 500;

    /// <summary>Chat tokens (input + output) one person may use per UTC day; once spent, new model work is refused until tomorrow.</summary>
    [Range(1000, 1_000_000_000)]
    public long TokensPerDay { get; set; } = 3_000_000;

    /// <summary>Sessions one person may keep; delete old ones to start more.</summary>
    [Range(1, 100_000)]
    public int MaxSessionsPerPerson { get; set; } = 1000;

    /// <summary>Messages one session may hold (answers included); start a new session to go on.</summary>
    [Range(2, 100_000)]
    public int MaxMessagesPerSession { get; set; } = 1000;
}
