using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Explore;

/// <summary>
/// How the chat shows a conversation: the newest messages are always rendered (a session opens at its end, and the
/// last answer's actions are there), the earlier ones go to a virtualised list that renders only what is scrolled into
/// view — a 300-message session costs the circuit a screenful of components, not 300.
/// </summary>
public sealed class ChatWindow
{
    /// <summary>Messages always rendered at the end of the chat.</summary>
    public const int NewestShown = 10;

    /// <summary>The virtualised list's first guess of a message's height (it measures the real ones as they render).</summary>
    public const float EstimatedItemPx = 140;

    /// <summary>Earlier messages rendered beyond the visible ones on each side, so a scroll rarely shows a gap.</summary>
    public const int Overscan = 4;

    /// <summary>At most this many earlier messages are rendered at once, however tall the window says it is.</summary>
    public const int MaxRenderedEarlier = 40;

    private List<Message> _earlier = [];
    private Guid? _lastSeen;

    /// <summary>The messages before the newest ones; the same collection until the conversation changes (the list re-reads it each render).</summary>
    public ICollection<Message> Earlier(IReadOnlyList<Message> messages)
    {
        var count = Math.Max(0, messages.Count - NewestShown);
        var same = count == _earlier.Count && (count == 0 || (ReferenceEquals(_earlier[0], messages[0]) && ReferenceEquals(_earlier[^1], messages[count - 1])));
        if (!same) _earlier = messages.Take(count).ToList();
        return _earlier;
    }

    /// <summary>The newest messages, always rendered.</summary>
    public IEnumerable<Message> Newest(IReadOnlyList<Message> messages) => messages.Skip(Math.Max(0, messages.Count - NewestShown));

    /// <summary>True once for each user message that became the newest (one was sent): the chat scrolls to its end then.</summary>
    public bool TakeNewUserMessage(IReadOnlyList<Message> messages)
    {
        if (messages.Count == 0 || messages[^1].Id == _lastSeen) return false;
        var first = _lastSeen is null;
        _lastSeen = messages[^1].Id;
        return !first && messages[^1].Role == MessageRole.User;
    }
}
