using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Ai.Agents;

[Description("2 to 4 distinct solutions tailored to the user's needs and profile.")]
public sealed record SolutionDesign : IAgentResult
{
    public const int MinSolutions = 2;
    public const int MaxSolutions = 4;

    public List<ProposedSolution> Solutions { get; set; } = [];

    public string? Normalize()
    {
        Solutions = Solutions
            .Where(s => !string.IsNullOrWhiteSpace(s.Title))
            .Select(s => s with
            {
                Title = s.Title.Trim(),
                Summary = s.Summary.Trim(),
                MeetsNeeds = s.MeetsNeeds.Where(m => !string.IsNullOrWhiteSpace(m.Need)).ToList(),
                ConceptsUsed = Clean(s.ConceptsUsed),
                TradeOffs = Clean(s.TradeOffs),
                UnmetNeeds = Clean(s.UnmetNeeds),
            })
            .Take(MaxSolutions).ToList();
        return Solutions.Count < MinSolutions
            ? $"expected {MinSolutions} to {MaxSolutions} solutions with a title, got {Solutions.Count}"
            : null;
    }

    private static List<string> Clean(List<string> items) => items.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().ToList();
}

public sealed record ProposedSolution
{
    [Description("Short title, at most 8 words.")]
    public string Title { get; set; } = "";
    [Description("Markdown summary of the solution, 2 to 6 lines.")]
    public string Summary { get; set; } = "";
    [Description("The needs this solution meets and how.")]
    public List<NeedFit> MeetsNeeds { get; set; } = [];
    [Description("The profile concepts (copied text) that shaped this solution.")]
    public List<string> ConceptsUsed { get; set; } = [];
    public List<string> TradeOffs { get; set; } = [];
    [Description("Needs (copied text) this solution does not meet.")]
    public List<string> UnmetNeeds { get; set; } = [];
}

public sealed record NeedFit
{
    [Description("The need statement, copied.")]
    public string Need { get; set; } = "";
    [Description("How the solution meets it, one short sentence.")]
    public string How { get; set; } = "";
}

/// <summary>Designs 2–4 solution cards from the needs, the profile, picked options and pinned cards.</summary>
public sealed class SolutionDesignerAgent(AgentRunner runner)
{
    public const string Instructions =
        """
        You are the solution designer of an assistant for exploratory tasks. Propose 2 to 4 distinct, concrete
        solutions for the user's task. Tailor them to the confirmed needs first, then the proposed needs, the user
        profile (weight > 0: prefer, weight < 0: avoid), the options the user picked and the solutions the user
        pinned (build on them; do not repeat them). Do not propose again a solution the user discarded.
        For each solution give a short title, a markdown summary, which needs it meets and how (copy the need text),
        which profile concepts shaped it (copy the concept text), its trade-offs and the needs it does not meet.
        """;

    public static List<ChatMessage> BuildMessages(AgentInput input, AgentOptions options) =>
        AgentPrompt.Compose(Instructions,
            [AgentPrompt.Profile(input.Context), .. AgentPrompt.Needs(input, includeRejected: false),
             AgentPrompt.PickedOptions(input.Context), AgentPrompt.PinnedCards(input.Context), AgentPrompt.Discarded(input)],
            input, options.ConversationWindow, options.MaxMessageChars,
            "Design 2 to 4 solutions for the user's task.");

    public Task<AgentOutcome<SolutionDesign>> RunAsync(AgentInput input, CancellationToken ct) =>
        runner.RunAsync<SolutionDesign>(AgentNames.Solutions, BuildMessages(input, runner.Options), ct);
}

/// <summary>Offline demo: three solution templates per task kind, matched to the needs by shared words and shaped by the profile.</summary>
public sealed class SolutionsOfflineResponder : IOfflineStructuredResponder
{
    private sealed record Template(string Title, string Idea, string Tags, string TradeOff);

    public bool CanAnswer(ChatResponseFormatJson format) => OfflineRules.Matches<SolutionDesign>(format);

    public JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format)
    {
        var prompt = AgentPrompt.AllText(messages);
        var userMessages = OfflineRules.UserMessages(messages);
        var needs = ChatPrompt.ReadConfirmedNeeds(prompt).Concat(PromptFence.Read(prompt, AgentPrompt.ProposedNeedsBlock).Select(i => i.Text)).ToList();
        // On the first turn the designer runs alongside the needs analyst: like a real model, it reads the needs from the conversation.
        if (needs.Count == 0) needs = NeedsOfflineResponder.Analyse(userMessages).Needs.Select(n => n.Statement).ToList();
        var concepts = ChatPrompt.ReadConcepts(prompt);
        // Like the instructions ask of a real model: no discarded card again, and no copy of a pinned one (it stays on its own).
        var exclude = PromptFence.Read(prompt, AgentPrompt.DiscardedBlock).Select(i => i.Text)
            .Concat(ChatPrompt.ReadPinnedCards(prompt).Select(c => c.Title)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return AgentJson.ToElement(Design(userMessages, needs, concepts, exclude));
    }

    public static SolutionDesign Design(IReadOnlyList<string> userMessages, IReadOnlyList<string> needs, IReadOnlyList<PromptConcept> concepts, IReadOnlySet<string> discarded)
    {
        var templates = Templates(OfflineRules.Domain(string.Join("\n", userMessages))).Where(t => !discarded.Contains(t.Title)).ToList();
        if (templates.Count < SolutionDesign.MinSolutions) templates = Templates(TaskDomain.General).ToList();
        var prefer = concepts.Where(c => c.Weight > 0).OrderByDescending(c => c.Weight).Take(2).ToList();
        var avoid = concepts.Where(c => c.Weight < 0).OrderBy(c => c.Weight).Take(1).ToList();

        var solutions = templates.Take(3).Select((t, i) =>
        {
            var tags = OfflineRules.Words(t.Tags);
            // The first card is the all-rounder: it covers needs no template speaks to.
            var meets = needs.Where(n => OfflineRules.Words(n).Overlaps(tags) || i == 0).ToList();
            var summary = $"**{t.Title}.** {t.Idea}\n"
                + string.Concat(prefer.Select(c => $"- Shaped by your preference: *{c.Text}*\n"))
                + string.Concat(avoid.Select(c => $"- Avoids: *{c.Text}*\n"));
            return new ProposedSolution
            {
                Title = t.Title,
                Summary = summary.TrimEnd(),
                MeetsNeeds = meets.Select(n => new NeedFit { Need = n, How = $"{t.Title} is planned around it." }).ToList(),
                ConceptsUsed = prefer.Concat(avoid).Select(c => c.Text).ToList(),
                TradeOffs = [t.TradeOff],
                UnmetNeeds = needs.Except(meets).ToList(),
            };
        }).ToList();
        var result = new SolutionDesign { Solutions = solutions };
        result.Normalize();
        return result;
    }

    private static IEnumerable<Template> Templates(TaskDomain domain) => domain switch
    {
        TaskDomain.Trip =>
        [
            new("Relaxed city break", "A compact city stay with short distances, a few highlights a day and time to rest.", "city relaxed pace easy itinerary child friendly short transit follow", "Less variety than a multi-stop trip."),
            new("Nature and outdoor escape", "Cabins or a small guesthouse near hiking trails and lakes, days spent outside.", "nature outdoor hiking active kids family", "Needs a car or careful planning of connections."),
            new("Budget-friendly regional tour", "Two or three nearby towns by train, hostels or apartments, free sights and markets.", "budget cost cheap train affordable money value", "More packing and moving between places."),
        ],
        TaskDomain.Purchase =>
        [
            new("Lightweight all-rounder", "A 13–14 inch ultrabook with long battery life for everyday work and travel.", "light portable carry battery travel work office", "Less raw performance for heavy workloads."),
            new("Performance pick", "A 15–16 inch machine with a strong CPU/GPU and plenty of memory.", "performance gaming programming editing video photo power", "Heavier, shorter battery life and pricier."),
            new("Best value option", "A mid-range model or a refurbished business laptop with the best price for what you get.", "budget cost cheap value money price affordable", "Older design and fewer premium features."),
        ],
        TaskDomain.Study =>
        [
            new("Spaced-repetition plan", "Short daily sessions with flashcards that come back just before you would forget.", "routine sustainable daily memory review", "Needs daily discipline to keep the streak."),
            new("Pomodoro study blocks", "25-minute focus blocks with short breaks, grouped by subject across the week.", "focus time hours schedule subjects routine", "Can feel rigid for deep problem solving."),
            new("Exam sprint with practice tests", "Timed past papers every few days, then targeted review of the weak topics.", "exam practice tests review deadline", "Stressful if started too late."),
        ],
        TaskDomain.Research =>
        [
            new("Survey-first direction", "Map the literature of one narrow question and write a structured survey.", "literature reading theory feasible time", "Fewer original results to show."),
            new("Replicate and extend", "Reproduce a recent paper's result, then test one well-chosen extension.", "experiments data feasible resources", "Depends on the original code and data being available."),
            new("Applied case study", "Apply an established method to a concrete problem with a partner or data set.", "applied building software data interviews", "Less general novelty."),
        ],
        _ =>
        [
            new("Start small", "A minimal first version you can try this week and adjust.", "speed simple simplicity quick cost cheap", "May need rework later."),
            new("Balanced approach", "A middle path that trades a bit of speed for a sturdier result.", "balanced quality value", "Takes more planning up front."),
            new("Go all in", "The most thorough option, planned in detail from the start.", "quality thorough complete", "Costs the most time and money."),
        ],
    };
}
