using System.Text.Json;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;

namespace PersonaExplorer.Ai.Offline;

/// <summary>
/// Offline demo: the task family's options steered by the profile (<see cref="OfflineSteering"/>) become the cards;
/// each says which needs it meets (shared words) and which concepts really shaped it (suited or ruled out options).
/// </summary>
public sealed class SolutionsOfflineResponder : IOfflineStructuredResponder
{
    public bool CanAnswer(ChatResponseFormatJson format) => OfflineRules.Matches<SolutionDesign>(format);

    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format, OfflineReading reading)
    {
        var prompt = AgentPrompt.AllText(messages);
        var listed = PromptFence.Read(prompt, ChatPrompt.NeedsBlock).Concat(PromptFence.Read(prompt, AgentPrompt.ProposedNeedsBlock)).ToList();
        var needs = listed.Select(i => i.Text).ToList();
        // On the first turn the designer runs alongside the needs analyst: like a real model, it reads the needs from the conversation.
        if (needs.Count == 0) needs = NeedsOfflineResponder.Analyse(reading).Needs.Select(n => n.Statement).ToList();
        // Like the instructions ask of a real model: no discarded card again, and no copy of a pinned one (it stays on its own).
        var exclude = PromptFence.Read(prompt, AgentPrompt.DiscardedBlock).Select(i => i.Text)
            .Concat(ChatPrompt.ReadPinnedCards(prompt).Select(c => c.Title)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Like a real model, it answers with the ids the prompt gives, not copied text.
        return AgentJson.ToElement(Design(reading, needs, exclude, Ids(listed), Ids(PromptFence.Read(prompt, ChatPrompt.ProfileBlock))));
    }

    private static Dictionary<string, string> Ids(IEnumerable<FencedItem> items) =>
        items.Where(i => i.Attributes.ContainsKey("id")).DistinctBy(i => i.Text).ToDictionary(i => i.Text, i => i.Attributes["id"]);

    /// <param name="needIds">The prompt's id of each listed need (by text); a need without one is named as a new need.</param>
    /// <param name="conceptIds">The prompt's id of each profile concept (by text).</param>
    public static SolutionDesign Design(OfflineReading reading, IReadOnlyList<string> needs, IReadOnlySet<string> discarded,
        IReadOnlyDictionary<string, string>? needIds = null, IReadOnlyDictionary<string, string>? conceptIds = null)
    {
        needIds ??= new Dictionary<string, string>();
        conceptIds ??= new Dictionary<string, string>();
        var family = reading.FamilyOrGeneral;
        var open = family with { Options = family.Options.Where(o => !discarded.Contains(o.Title)).ToArray() };
        if (open.Options.Length < SolutionDesign.MinSolutions) open = OfflineCatalogue.General;
        var steered = OfflineSteering.Choose(open, reading.Concepts);

        var solutions = steered.Chosen.Select((o, i) =>
        {
            var words = OfflineRules.Words($"{o.Title} {o.Detail} {string.Join(' ', o.Tags)}");
            // The first card is the all-rounder: it covers needs no option speaks to.
            var meets = needs.Where(n => OfflineRules.Words(n).Overlaps(words) || i == 0).ToList();
            var shaped = reading.Concepts.Where(c => OfflineSteering.Fit(o, c) != 0).ToList();
            var summary = $"**{o.Title}.** {OfflineRules.Capitalize(o.Detail)}.\n"
                + string.Concat(shaped.Select(c => $"- {(OfflineSteering.Fit(o, c) > 0 ? "Suits" : "Kept despite")}: *{OfflineDemoAnswer.Quote(c.Text)}*\n"));
            return new ProposedSolution
            {
                Title = o.Title,
                Summary = summary.TrimEnd(),
                MeetsNeeds = meets.Select(n => new NeedFit
                {
                    NeedId = needIds.GetValueOrDefault(n), NewNeed = needIds.ContainsKey(n) ? null : n, Need = n, How = $"{o.Title} is planned around it.",
                }).ToList(),
                ConceptIds = shaped.Select(c => conceptIds.GetValueOrDefault(c.Text)).OfType<string>().ToList(),
                ConceptsUsed = shaped.Select(c => c.Text).ToList(),
                TradeOffs = [TradeOff(o)],
                UnmetNeedIds = needs.Except(meets).Select(needIds.GetValueOrDefault).OfType<string>().ToList(),
                UnmetNeeds = needs.Except(meets).ToList(),
            };
        }).ToList();
        var result = new SolutionDesign { Solutions = solutions };
        result.Normalize();
        return result;
    }

    private static string TradeOff(OfflineOption o) =>
        o.Tags.Select(t => OfflineCatalogue.TradeOffs.GetValueOrDefault(t)).FirstOrDefault(t => t is not null)
        ?? "Check availability and current prices before deciding.";
}
