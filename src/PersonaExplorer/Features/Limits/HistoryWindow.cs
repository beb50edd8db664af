using Microsoft.Extensions.AI;

namespace PersonaExplorer.Features.Limits;

/// <summary>The part of a conversation that fits an input budget: the newest messages, and how many older ones were left out.</summary>
public sealed record HistorySelection(IReadOnlyList<ChatMessage> Messages, int LeftOut);

/// <summary>Chooses a request's history by tokens, newest first, so a long session costs the same per turn as a medium one.</summary>
public static class HistoryWindow
{
    /// <summary>
    /// Keeps the newest messages whose tokens fit <paramref name="budget"/>; the newest message (the current request)
    /// is always kept, whatever its size, and the window never has a gap.
    /// </summary>
    public static HistorySelection Select(IReadOnlyList<ChatMessage> history, int budget, TokenCounter tokens)
    {
        var kept = 0;
        var used = 0;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var cost = tokens.Count(history[i]);
            if (kept > 0 && used + cost > budget) break;
            used += cost;
            kept++;
        }
        return new HistorySelection(history.Skip(history.Count - kept).ToList(), history.Count - kept);
    }

    /// <summary>The system note that tells the model (and the prompt inspector) that earlier messages exist but were not sent.</summary>
    public static string LeftOutNote(int leftOut) =>
        $"Note: the {leftOut} earliest message{(leftOut == 1 ? "" : "s")} of this conversation {(leftOut == 1 ? "was" : "were")} left out to fit the input budget; the most recent ones follow.";
}
