using Microsoft.Extensions.AI;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Ai.Offline;

/// <summary>What the demo model understands of a conversation and a profile, read like the chat prompt is.</summary>
internal static class OfflineReadings
{
    public static OfflineUnderstanding Understanding { get; } = new(SharedEmbedder.MiniLm);

    public static Task<OfflineReading> ReadAsync(IReadOnlyList<string> userMessages, params PromptConcept[] concepts) =>
        Understanding.ReadAsync(ChatPrompt.Build(new TurnContext(concepts), userMessages.Select(m => new ChatMessage(ChatRole.User, m))));
}
