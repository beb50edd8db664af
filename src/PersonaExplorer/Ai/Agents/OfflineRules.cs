using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Ai.Agents;

/// <summary>The kind of task a conversation is about, as the offline responders guess it from keywords.</summary>
public enum TaskDomain { General, Trip, Purchase, Study, Research }

/// <summary>Shared keyword rules of the offline agents: read the prompt they were sent, detect the task, find sentences.</summary>
public static partial class OfflineRules
{
    public static string SchemaNameOf<T>() => typeof(T).Name;

    public static bool Matches<T>(ChatResponseFormatJson format) =>
        string.Equals(format.SchemaName, SchemaNameOf<T>(), StringComparison.Ordinal);

    /// <summary>The user's messages of the conversation block, oldest first.</summary>
    public static IReadOnlyList<string> UserMessages(IReadOnlyList<ChatMessage> messages) =>
        AgentPrompt.ReadConversation(AgentPrompt.AllText(messages)).Where(m => m.Role == "user").Select(m => m.Text).ToList();

    public static TaskDomain Domain(string text)
    {
        var t = text.ToLowerInvariant();
        var scores = new (TaskDomain Domain, Regex Words)[]
        {
            (TaskDomain.Trip, TripWords()), (TaskDomain.Purchase, PurchaseWords()),
            (TaskDomain.Study, StudyWords()), (TaskDomain.Research, ResearchWords()),
        }.Select(d => (d.Domain, Count: d.Words.Matches(t).Count)).Where(d => d.Count > 0).OrderByDescending(d => d.Count).ToList();
        return scores.Count == 0 ? TaskDomain.General : scores[0].Domain;
    }

    public static IEnumerable<string> Sentences(string text) =>
        SentenceBreak().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    /// <summary>The first sentence of the user's messages that matches, newest message first (the evidence of a need).</summary>
    public static string? Evidence(IReadOnlyList<string> userMessages, Regex pattern) =>
        userMessages.Reverse().SelectMany(Sentences).FirstOrDefault(s => pattern.IsMatch(s));

    public static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    public static IReadOnlySet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 3 && !StopWords.Contains(w)).ToHashSet();

    private static readonly HashSet<string> StopWords = ["with", "that", "this", "from", "have", "want", "need", "would", "like", "about", "should", "could", "there", "their", "they", "your", "what", "which", "some", "more", "into", "than", "very", "just", "also", "must", "only"];

    [GeneratedRegex(@"\b(trip|travel\w*|vacation|holiday|visit|weekend|flights?|itinerary|tour|city break|hotel)\b")]
    private static partial Regex TripWords();
    [GeneratedRegex(@"\b(laptop|phone|buy|purchase|camera|computer|headphones|tablet|monitor|bike|car|model|brand)\b")]
    private static partial Regex PurchaseWords();
    [GeneratedRegex(@"\b(study|studying|exams?|schedule|learn\w*|course|revis\w+|homework|semester|lectures?)\b")]
    private static partial Regex StudyWords();
    [GeneratedRegex(@"\b(research|thesis|papers?|phd|topic|literature|dissertation|experiment\w*)\b")]
    private static partial Regex ResearchWords();
    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceBreak();
    [GeneratedRegex(@"[a-z]+")]
    private static partial Regex WordPattern();
}
