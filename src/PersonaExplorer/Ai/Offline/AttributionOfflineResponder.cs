using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;

namespace PersonaExplorer.Ai.Offline;

/// <summary>Offline demo: a concept or need counts as used when the answer quotes it (the demo model names each one it followed).</summary>
public sealed class AttributionOfflineResponder : IOfflineStructuredResponder
{
    public bool CanAnswer(ChatResponseFormatJson format) => OfflineRules.Matches<AttributionResult>(format);

    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format, OfflineReading reading)
    {
        var text = AgentPrompt.AllText(messages);
        var answer = PromptFence.Read(text, AttributionAgent.AnswerBlock).FirstOrDefault()?.Text ?? "";
        return AgentJson.ToElement(new AttributionResult
        {
            UsedConcepts = Used(PromptFence.Read(text, AttributionAgent.ConceptsBlock), answer),
            UsedNeeds = Used(PromptFence.Read(text, AttributionAgent.NeedsBlock), answer),
        });
    }

    private static List<string> Used(IReadOnlyList<FencedItem> items, string answer) =>
        items.Where(i => answer.Contains(i.Text, StringComparison.OrdinalIgnoreCase)).Select(i => i.Attributes["id"]).ToList();
}
