using Microsoft.Extensions.AI;
using PersonaExplorer.Data;

namespace PersonaExplorer.Ai.Agents;

/// <summary>A need the session already has, as the agents see it.</summary>
public sealed record KnownNeed(string Statement, NeedKind Kind, NeedStatus Status, int Priority = 3);

/// <summary>A sub-task the session already has, with what the person picked.</summary>
public sealed record KnownSubTask(string Title, IReadOnlyList<string> Options, IReadOnlyList<string> Selected);

/// <summary>Everything the panel agents read for one turn.</summary>
public sealed record AgentInput
{
    /// <summary>The conversation (user and assistant messages, oldest first; the newest user message last).</summary>
    public required IReadOnlyList<ChatMessage> Conversation { get; init; }
    /// <summary>Enabled concepts, confirmed needs, picked options and pinned cards: what steers the answer too.</summary>
    public TurnContext Context { get; init; } = TurnContext.Empty;
    /// <summary>All needs of the session, rejected ones included (so they are not proposed again).</summary>
    public IReadOnlyList<KnownNeed> Needs { get; init; } = [];
    public IReadOnlyList<KnownSubTask> SubTasks { get; init; } = [];
    /// <summary>Titles of cards the person discarded.</summary>
    public IReadOnlyList<string> DiscardedCards { get; init; } = [];

    public string LatestUserText => Conversation.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
}
