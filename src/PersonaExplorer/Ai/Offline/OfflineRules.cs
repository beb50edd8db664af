using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;

namespace PersonaExplorer.Ai.Offline;

/// <summary>Shared helpers of the offline responders: read the prompt they were sent, find sentences and words.</summary>
public static partial class OfflineRules
{
    public static string SchemaNameOf<T>() => typeof(T).Name;

    public static bool Matches<T>(ChatResponseFormatJson format) =>
        string.Equals(format.SchemaName, SchemaNameOf<T>(), StringComparison.Ordinal);

    /// <summary>The user's messages of the conversation block, oldest first.</summary>
    public static IReadOnlyList<string> UserMessages(IReadOnlyList<ChatMessage> messages) =>
        AgentPrompt.ReadConversation(AgentPrompt.AllText(messages)).Where(m => m.Role == "user").Select(m => m.Text).ToList();

    public static IEnumerable<string> Sentences(string text) =>
        SentenceBreak().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    /// <summary>The first sentence of the user's messages that matches, newest message first (the evidence of a need).</summary>
    public static string? Evidence(IReadOnlyList<string> userMessages, Regex pattern) =>
        userMessages.Reverse().SelectMany(Sentences).FirstOrDefault(s => pattern.IsMatch(s));

    public static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    public static IReadOnlySet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 3 && !StopWords.Contains(w)).ToHashSet();

    private static readonly HashSet<string> StopWords = ["with", "that", "this", "from", "have", "want", "need", "would", "like", "about", "should", "could", "there", "their", "they", "your", "what", "which", "some", "more", "into", "than", "very", "just", "also", "must", "only"];

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceBreak();
    [GeneratedRegex(@"[a-z]+")]
    private static partial Regex WordPattern();
}
