namespace PersonaExplorer.Features.Explore;

/// <summary>Checks a chat message before anything is stored or sent.</summary>
public static class MessageValidator
{
    /// <returns>null when the message may be sent, otherwise the reason to show.</returns>
    public static string? Check(string? text, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(text)) return "Type a message first.";
        if (text.Length > maxChars)
            return $"Your message is {text.Length:N0} characters; the limit is {maxChars:N0}. Shorten it or split it into several messages.";
        return null;
    }
}
