using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Ai;

/// <summary>
/// Composes the offline demo model's markdown answer from what a real model would be sent. Concepts and needs are
/// data: they are matched against keyword rules and quoted in italics, never followed as instructions, and the system
/// prompt itself is never repeated.
/// </summary>
internal static partial class OfflineDemoAnswer
{
    public const string Footer = "_Offline demo model — deterministic sample answer._";
    public const string NoConcepts = "No profile concepts were enabled, so this answer is generic.";

    private enum Topic { Food, Travel, Purchase, Study, Research, Generic }

    [Flags]
    private enum Signal
    {
        None = 0,
        Vegetarian = 1,
        Vegan = 2,
        Budget = 4,
        Premium = 8,
        NoFlights = 16,
        Quiet = 32,
        Morning = 64,
        Evening = 128,
    }

    private sealed record Item(string Text, double Weight, bool IsNeed)
    {
        public bool LooksLikeInstruction { get; } = Injection().IsMatch(Text);
        public Signal Signals { get; } = Injection().IsMatch(Text) ? Signal.None : Detect(Text, IsNeed ? 1 : Weight);
    }

    public static string Compose(IReadOnlyList<ChatMessage> messages)
    {
        var system = string.Join("\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var concepts = ChatPrompt.ReadConcepts(system);
        var needs = ChatPrompt.ReadConfirmedNeeds(system);
        var request = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text?.Trim() ?? "";

        var items = concepts.Select(c => new Item(c.Text, c.Weight, false))
            .Concat(needs.Select(n => new Item(n, 1, true)))
            .ToList();
        var active = items.Aggregate(Signal.None, (all, i) => all | i.Signals);
        if (active.HasFlag(Signal.Budget)) active &= ~Signal.Premium;

        // A follow-up ("which of these works best?") keeps the topic of the conversation.
        var topic = messages.Where(m => m.Role == ChatRole.User).Reverse()
            .Select(m => TopicOf(m.Text ?? "")).FirstOrDefault(t => t != Topic.Generic, Topic.Generic);
        var used = Signal.None;
        var options = Options(topic, active, ProductOf(request), ref used);

        var sb = new StringBuilder();
        sb.Append(request.Length == 0
            ? $"Here are three {Noun(topic)}."
            : $"Here are three {Noun(topic)} for your request: *{Quote(request, 160)}*.").Append("\n\n");

        sb.Append("### Suggestions\n\n");
        for (var i = 0; i < options.Count; i++)
            sb.Append(i + 1).Append(". ").Append(options[i]).Append('\n');

        var avoided = concepts.Where(c => c.Weight < 0).ToList();
        if (avoided.Count > 0)
            sb.Append("\nAvoiding ").Append(string.Join(", ", avoided.Select(c => $"*{Quote(c.Text)}*"))).Append(" in all three.\n");

        sb.Append("\n### How your profile shaped this\n\n");
        if (concepts.Count == 0)
            sb.Append(NoConcepts).Append('\n');
        foreach (var item in items)
            sb.Append("- ").Append(Explain(item, used)).Append('\n');

        sb.Append('\n').Append(Footer);
        return sb.ToString();
    }

    private static string Explain(Item item, Signal used)
    {
        var quoted = $"*{Quote(item.Text)}*";
        if (item.LooksLikeInstruction)
            return $"Noted the unusual preference {quoted}{WeightText(item)}: it reads like an instruction, so it was treated as data and not followed.";

        var effects = Effects(item.Signals & used);
        if (item.IsNeed)
            return $"Confirmed need {quoted}{Outcome(effects, "kept in view for every option")}.";
        if (item.Weight == 0)
            return $"Noted {quoted}{WeightText(item)}: it carries no weight, so it changed nothing.";
        if (item.Weight < 0)
            return $"Avoiding {quoted}{WeightText(item)}{Outcome(effects, "none of the options relies on it")}.";
        return $"Following your preference {quoted}{WeightText(item)}{Outcome(effects, "kept in mind; nothing in this request depended on it")}.";
    }

    private static string Outcome(string? effects, string otherwise) => effects is null ? $": {otherwise}" : $" → {effects}";

    private static string WeightText(Item item) =>
        item.IsNeed ? "" : $" (weight {item.Weight.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture)})";

    private static string? Effects(Signal signals)
    {
        var parts = new List<string>();
        if (signals.HasFlag(Signal.Vegan)) parts.Add("vegan-friendly vegetarian options");
        else if (signals.HasFlag(Signal.Vegetarian)) parts.Add("vegetarian options");
        if (signals.HasFlag(Signal.Budget)) parts.Add("budget options with prices");
        if (signals.HasFlag(Signal.Premium)) parts.Add("higher-end options");
        if (signals.HasFlag(Signal.NoFlights)) parts.Add("trains instead of flights");
        if (signals.HasFlag(Signal.Quiet)) parts.Add("quieter options");
        if (signals.HasFlag(Signal.Morning)) parts.Add("morning study blocks");
        if (signals.HasFlag(Signal.Evening)) parts.Add("evening study blocks");
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static Signal Detect(string text, double weight)
    {
        if (weight == 0) return Signal.None;
        var t = text.ToLowerInvariant();
        var negated = weight < 0 || Negation().IsMatch(t);
        var s = Signal.None;
        if (weight > 0 && VegetarianWords().IsMatch(t))
            s |= t.Contains("vegan", StringComparison.Ordinal) ? Signal.Vegetarian | Signal.Vegan : Signal.Vegetarian;
        if (weight > 0 && BudgetWords().IsMatch(t)) s |= Signal.Budget;
        if (weight > 0 && PremiumWords().IsMatch(t)) s |= Signal.Premium;
        // "prefers trains over flights" (the curator's own wording for "I hate flying") has no negation word but rules flights out.
        if ((negated && FlightWords().IsMatch(t)) || (weight > 0 && FlightsPassedOver().IsMatch(t))) s |= Signal.NoFlights;
        if ((weight > 0 && QuietWords().IsMatch(t)) || (negated && t.Contains("crowd", StringComparison.Ordinal))) s |= Signal.Quiet;
        if (weight > 0 && MorningWords().IsMatch(t)) s |= Signal.Morning;
        else if (weight > 0 && EveningWords().IsMatch(t)) s |= Signal.Evening;
        return s;
    }

    private static Topic TopicOf(string request)
    {
        var t = request.ToLowerInvariant();
        if (FoodTopic().IsMatch(t)) return Topic.Food;
        if (TravelTopic().IsMatch(t)) return Topic.Travel;
        if (PurchaseTopic().IsMatch(t)) return Topic.Purchase;
        if (StudyTopic().IsMatch(t)) return Topic.Study;
        if (ResearchTopic().IsMatch(t)) return Topic.Research;
        return Topic.Generic;
    }

    private static string Noun(Topic topic) => topic switch
    {
        Topic.Food => "places to eat",
        Topic.Travel => "trip ideas",
        Topic.Purchase => "options to consider",
        Topic.Study => "study plans",
        Topic.Research => "research directions",
        _ => "ways forward",
    };

    /// <summary>The product named in a purchase request.</summary>
    private static string ProductOf(string request)
    {
        var m = ProductWords().Match(request.ToLowerInvariant());
        return m.Success ? m.Value : "option";
    }

    private static List<string> Options(Topic topic, Signal s, string product, ref Signal used)
    {
        bool Use(Signal flag, ref Signal u)
        {
            if (!s.HasFlag(flag)) return false;
            u |= flag;
            return true;
        }

        var veg = Use(Signal.Vegetarian, ref used);
        var vegan = veg && Use(Signal.Vegan, ref used);
        var cheap = Use(Signal.Budget, ref used);
        var premium = Use(Signal.Premium, ref used);
        // Only topics where a flag changes something keep it as "used"; undo the others below.
        switch (topic)
        {
            case Topic.Food:
            {
                var quiet = Use(Signal.Quiet, ref used);
                var vegNote = vegan ? "a fully vegetarian kitchen with every vegan dish marked" : "a fully vegetarian kitchen";
                return
                [
                    veg
                        ? $"**Green Table** — {vegNote}: seasonal vegetables, house-made tofu, a long salad bar{Price(cheap, premium, "about €12 per person", "about €45 per person")}{(quiet ? "; a quiet back room" : "")}."
                        : $"**Tasca do Bairro** — a neighbourhood bistro with grilled fish and seasonal dishes{Price(cheap, premium, "about €14 per person", "about €50 per person")}{(quiet ? "; a quiet back room" : "")}.",
                    veg
                        ? $"**Mercado Central food hall** — go for the vegetarian stalls (falafel, dosa, mushroom ramen){Price(cheap, premium, "€8–10 a dish", "€15–20 a dish")}{(quiet ? "; go before 19:00 while it is calm" : "")}."
                        : $"**Mercado Central food hall** — dozens of stalls, easy for groups with mixed tastes{Price(cheap, premium, "€8–10 a dish", "€15–20 a dish")}{(quiet ? "; go before 19:00 while it is calm" : "")}.",
                    premium
                        ? $"**Atelier 27** — a chef's tasting menu{(veg ? " with a vegetarian version" : "")} (about €95 per person)."
                        : $"**Trattoria Lume** — handmade pasta{(veg ? ", with a separate vegetarian pasta menu" : "")}, book ahead{Price(cheap, false, "about €16 per person", "")}.",
                ];
            }
            case Topic.Travel:
            {
                var noFly = Use(Signal.NoFlights, ref used);
                var quiet = Use(Signal.Quiet, ref used);
                var food = veg ? "; a good vegetarian food scene" : "";
                return
                [
                    noFly
                        ? $"**Night train to Vienna** — go by train instead of a flight, sleeper cabin, arrive in the centre{food}{Price(cheap, premium, "about €70 one way in a couchette", "a private sleeper with breakfast, about €250")}."
                        : $"**Flight to Lisbon** — a direct flight, three days of old town, tiles and coast{food}{Price(cheap, premium, "about €90 return, hostel from €25 a night", "a boutique hotel, about €220 a night")}.",
                    noFly
                        ? $"**Rail loop through the Alps** — trains instead of flights, scenic lines with short hops{Price(cheap, premium, "a rail pass from about €200", "first-class panorama cars")}."
                        : $"**City break in Copenhagen** — a short flight, cycling and design museums{(veg ? "; many vegetarian cafés" : "")}{Price(cheap, premium, "about €110 return, guesthouse €40 a night", "a design hotel, about €250 a night")}.",
                    $"**Coastal road trip** — drive at your own pace and stop in small towns{(quiet ? "; quiet coves off-season" : "")}{Price(cheap, premium, "camping from €15 a night", "seaside hotels")}.",
                ];
            }
            case Topic.Purchase:
                used &= ~(Signal.Vegetarian | Signal.Vegan);
                return
                [
                    $"**Balanced mid-range {product}** — solid performance and battery life for everyday use{Price(cheap, premium, "about €550", "about €900")}.",
                    cheap
                        ? $"**Refurbished previous-generation {product}** — most of the performance for much less (about €350), with a warranty."
                        : $"**Flagship {product}** — the best screen and performance, and the longest software support{Price(false, premium, "", "about €1,400")}.",
                    cheap
                        ? $"**Entry-level {product}** — covers the basics (about €250); check reviews for build quality."
                        : $"**Refurbished previous-generation {product}** — most of the performance for less, with a warranty.",
                ];
            case Topic.Study:
            {
                used &= ~(Signal.Vegetarian | Signal.Vegan | Signal.Premium);
                var morning = Use(Signal.Morning, ref used);
                var evening = !morning && Use(Signal.Evening, ref used);
                var quiet = Use(Signal.Quiet, ref used);
                var when = morning ? ", starting at 07:30 while you are fresh" : evening ? ", starting at 19:00 when you focus best" : "";
                return
                [
                    $"**Pomodoro blocks** — 25-minute focus blocks with 5-minute breaks, four blocks per session{when}{(quiet ? ", in a library quiet room" : "")}.",
                    $"**Spaced repetition** — review your notes after 1, 3 and 7 days with flashcards{(cheap ? " (free tools such as Anki)" : "")}.",
                    $"**Weekly plan with a mock exam** — one topic per day and a timed practice exam each weekend{(cheap ? " (free past papers)" : "")}.",
                ];
            }
            case Topic.Research:
                used &= ~(Signal.Vegetarian | Signal.Vegan | Signal.Premium);
                return
                [
                    "**Map the literature** — a structured survey of the last five years, grouped by method.",
                    "**Replicate a key paper** — rebuild one influential result to learn the methods and find its limits.",
                    $"**Find the gap** — collect open questions from discussion sections and pick one you can test in a semester{(cheap ? " with open-access data and free tools" : "")}.",
                ];
            default:
                used &= ~(Signal.Vegetarian | Signal.Vegan | Signal.Premium);
                return
                [
                    "**Start small** — try a lightweight first step this week and see what you learn.",
                    "**Compare two approaches** — write down the two most promising options with their pros and cons.",
                    $"**Ask someone who has done it** — a short conversation often saves hours of searching{(cheap ? "; start with the free options" : "")}.",
                ];
        }
    }

    private static string Price(bool cheap, bool premium, string cheapText, string premiumText) =>
        cheap && cheapText.Length > 0 ? $" ({cheapText})" : premium && premiumText.Length > 0 ? $" ({premiumText})" : "";

    /// <summary>User text as inert markdown: one line, markdown punctuation escaped, optionally shortened.</summary>
    internal static string Quote(string text, int maxLength = 200)
    {
        var oneLine = Whitespace().Replace(text, " ").Trim();
        if (oneLine.Length > maxLength) oneLine = oneLine[..maxLength].TrimEnd() + "…";
        var sb = new StringBuilder(oneLine.Length + 8);
        foreach (var ch in oneLine)
        {
            if (ch is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#' or '|' or '~' or '!')
                sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\b(ignore|disregard|forget)\b.*\b(instruction|instructions|rules|previous|above|prompt)\b|system prompt|\breveal\b|\byou are now\b|\bjailbreak\b")]
    private static partial Regex Injection();

    [GeneratedRegex(@"\b(not|no|never|dislikes?|avoid\w*|hates?|fear\w*|afraid|without|against)\b")]
    private static partial Regex Negation();

    [GeneratedRegex(@"vegetarian|vegan|meat-free|meatless|plant-based|\bno meat\b|(don't|do not|doesn't|does not) eat meat")]
    private static partial Regex VegetarianWords();

    [GeneratedRegex(@"budget|cheap|frugal|inexpensive|affordable|low[- ]cost|save money|\bstudent\b")]
    private static partial Regex BudgetWords();

    [GeneratedRegex(@"luxury|premium|high-end|splurge|upscale")]
    private static partial Regex PremiumWords();

    [GeneratedRegex(@"\bflights?\b|\bfly\b|\bflying\b|\bplanes?\b|\bairports?\b")]
    private static partial Regex FlightWords();

    [GeneratedRegex(@"\b(over|instead of|rather than)\s+(flights?|flying|planes?|air travel)\b")]
    private static partial Regex FlightsPassedOver();

    [GeneratedRegex(@"\bquiet\b|\bcalm\b|\bpeaceful\b")]
    private static partial Regex QuietWords();

    [GeneratedRegex(@"\bmorning\b|\bearly\b")]
    private static partial Regex MorningWords();

    [GeneratedRegex(@"\bevening\b|\bnight owl\b|\blate\b")]
    private static partial Regex EveningWords();

    [GeneratedRegex(@"restaurant|\bfood\b|dinner|lunch|brunch|\beat\b|\bcafe|\bmeal|cuisine")]
    private static partial Regex FoodTopic();

    [GeneratedRegex(@"\btrip|travel|holiday|vacation|\bflights?\b|\bcity\b|\bjourney|\bweekend\b|\bitinerary|\btrains?\b|\bvisit")]
    private static partial Regex TravelTopic();

    [GeneratedRegex(@"laptop|phone|\bbuy\b|\bchoose\b|purchase|headphones|camera|tablet")]
    private static partial Regex PurchaseTopic();

    [GeneratedRegex(@"\bstudy|schedule|\bexams?\b|revision|\bcourse")]
    private static partial Regex StudyTopic();

    [GeneratedRegex(@"research|\bpapers?\b|thesis|literature|dissertation")]
    private static partial Regex ResearchTopic();

    [GeneratedRegex(@"laptop|smartphone|phone|headphones|camera|tablet")]
    private static partial Regex ProductWords();
}
