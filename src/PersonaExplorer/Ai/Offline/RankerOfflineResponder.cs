using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;

namespace PersonaExplorer.Ai.Offline;

/// <summary>Offline demo: scores each card by the confirmed needs it claims to meet and the concepts it used.</summary>
public sealed class RankerOfflineResponder : IOfflineStructuredResponder
{
    public bool CanAnswer(ChatResponseFormatJson format) => OfflineRules.Matches<RankingResult>(format);

    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format, OfflineReading reading)
    {
        var prompt = AgentPrompt.AllText(messages);
        var listed = PromptFence.Read(prompt, ChatPrompt.NeedsBlock);
        var cards = PromptFence.Read(prompt, AgentPrompt.CardsBlock).Select(i => i.Text).ToList();
        var concepts = ChatPrompt.ReadConcepts(prompt);
        var ids = listed.Where(i => i.Attributes.ContainsKey("id")).DistinctBy(i => i.Text).ToDictionary(i => i.Text, i => i.Attributes["id"]);
        return AgentJson.ToElement(Rank(cards, listed.Select(i => i.Text).ToList(), concepts, ids));
    }

    /// <param name="needIds">The prompt's id of each confirmed need (by text): unmet needs are named by id, like a real model must.</param>
    public static RankingResult Rank(IReadOnlyList<string> cards, IReadOnlyList<string> confirmed, IReadOnlyList<PromptConcept> concepts,
        IReadOnlyDictionary<string, string>? needIds = null)
    {
        var scored = cards.Select((text, i) =>
        {
            var met = confirmed.Count(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));
            var shaped = concepts.Count(c => c.Weight > 0 && text.Contains(c.Text, StringComparison.OrdinalIgnoreCase));
            var score = Math.Round(Math.Min(1, 0.4 + 0.4 * (confirmed.Count == 0 ? 0.5 : (double)met / confirmed.Count) + 0.1 * shaped - 0.05 * i), 2);
            return new RankedSolution { Card = i + 1, Score = score, Reason = $"Meets {met} of {confirmed.Count} confirmed needs." };
        }).OrderByDescending(r => r.Score).ThenBy(r => r.Card).ToList();
        var unmet = confirmed.Where(n => !cards.Any(c => c.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
        return new RankingResult
        {
            Ranking = scored,
            UnmetNeedIds = unmet.Select(n => needIds?.GetValueOrDefault(n)).OfType<string>().ToList(),
            UnmetNeeds = unmet,
            Critique = unmet.Count == 0 ? "Every confirmed need is met by at least one card." : $"No card meets: {string.Join("; ", unmet)}.",
        };
    }
}
