using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;

namespace PersonaExplorer.Ai.Offline;

/// <summary>
/// Offline demo: explicit needs from the request's own constraints (budget, time, people, place, "I need …") and
/// implicit needs of its task family (a laptop for someone who travels → light with a long battery life).
/// </summary>
public sealed partial class NeedsOfflineResponder : IOfflineStructuredResponder
{
    public bool CanAnswer(ChatResponseFormatJson format) => OfflineRules.Matches<NeedsAnalysis>(format);

    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format, OfflineReading reading) =>
        AgentJson.ToElement(Analyse(reading));

    public static NeedsAnalysis Analyse(OfflineReading reading)
    {
        var userMessages = reading.UserMessages;
        var needs = new List<ProposedNeed>();
        foreach (var sentence in userMessages.SelectMany(OfflineRules.Sentences))
        {
            if (Money().Match(sentence) is { Success: true } money)
                needs.Add(Explicit($"Keep the cost {money.Value.Trim().TrimEnd(',', '.')}", sentence, 1));
            else if (Frugal().IsMatch(sentence))
                needs.Add(Explicit("Keep the cost low", sentence, 1));
            if (Duration().Match(sentence) is { Success: true } duration)
                needs.Add(Explicit($"Fit into {duration.Value.Trim()}", sentence, 2));
            else if (Deadline().Match(sentence) is { Success: true } deadline)
                needs.Add(Explicit($"Ready by {deadline.Value.Trim()}", sentence, 2));
            if (People().Match(sentence) is { Success: true } people)
                needs.Add(Explicit($"Suits {Own(people.Groups["who"].Value.Trim())}", sentence, 2));
            if (Place().Match(sentence) is { Success: true } place)
                needs.Add(Explicit($"Around {place.Groups["where"].Value}", sentence, 2));
            if (Stated().Match(sentence) is { Success: true } stated)
                needs.Add(Explicit(OfflineRules.Capitalize(stated.Groups["what"].Value.Trim().TrimEnd('.', '!', '?')), sentence, 2));
        }

        var first = userMessages.SelectMany(OfflineRules.Sentences).LastOrDefault();
        foreach (var need in reading.FamilyOrGeneral.Needs)
        {
            var evidence = need.Cue is null ? first : OfflineRules.Evidence(userMessages, new Regex(need.Cue, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)));
            if (evidence is not null)
                needs.Add(new ProposedNeed { Statement = need.Statement, Kind = NeedKind.Implicit, Evidence = evidence, Confidence = need.Cue is null ? 0.5 : 0.65, Priority = need.Priority });
        }

        var result = new NeedsAnalysis { Needs = needs };
        result.Normalize();
        return result;
    }

    private static ProposedNeed Explicit(string statement, string evidence, int priority) =>
        new() { Statement = statement.Length > 90 ? statement[..90].TrimEnd() + "…" : statement, Kind = NeedKind.Explicit, Evidence = evidence, Confidence = 0.9, Priority = priority };

    /// <summary>"my daughter" → "your daughter": the need is the user's, read back to them.</summary>
    private static string Own(string who) => Regex.Replace(who, @"\b(my|our)\b", "your", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"\b(under|below|less than|at most|max(imum)?|up to|around|about)\s*[$€£]?\s*\d[\d,.]*\s*(k\b|dollars?|euros?|usd|eur|gbp|[$€£])?", RegexOptions.IgnoreCase)]
    private static partial Regex Money();
    [GeneratedRegex(@"\b(not|n't) (want to |wish to )?spend (much|a lot)|\b(tight|small|low|limited) budget\b|\bcheap\b|\baffordable\b|\bcan't afford\b", RegexOptions.IgnoreCase)]
    private static partial Regex Frugal();
    [GeneratedRegex(@"\b\d+\s*(days?|nights?|weeks?|months?)\b|\b(a|one|this|next) (weekend|week)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();
    [GeneratedRegex(@"\b(next|this) (autumn|fall|spring|summer|winter|month|year)\b|\bby (monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|the end of \w+)\b|\btonight\b", RegexOptions.IgnoreCase)]
    private static partial Regex Deadline();
    [GeneratedRegex(@"\b(for|with) (?<who>(my|our) (\w+ )?(daughter|son|kids|children|family|partner|wife|husband|friends?|mum|mom|dad|parents|colleagues?|team|nephew|niece|sister|brother)|\d+ (people|guests|friends))\b", RegexOptions.IgnoreCase)]
    private static partial Regex People();
    [GeneratedRegex(@"\b(in|to|near|around) (?<where>[A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+)?)")]
    private static partial Regex Place();
    [GeneratedRegex(@"\b(i need|i want|i'd like|i would like|i'm looking for|i am looking for|i prefer|it must|it should|it has to|must have|we need|we want)\s+(?<what>.{3,})", RegexOptions.IgnoreCase)]
    private static partial Regex Stated();
}
