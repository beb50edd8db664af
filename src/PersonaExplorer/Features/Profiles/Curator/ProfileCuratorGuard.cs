using System.Text.RegularExpressions;
using PersonaExplorer.Data;

using PersonaExplorer.Ai;

namespace PersonaExplorer.Features.Profiles;

/// <summary>A concept proposal after the guard: what the person is shown.</summary>
public sealed record CuratedConcept(
    ProposalKind Kind, string? TargetText, string Text, string Category, double Weight, string? Evidence,
    ConfidenceLevel Level, double Confidence, string? Question, bool Stated, bool IsPrivate, string? SensitiveCategory);

/// <summary>A proposal the guard removed, and why (logged, and asserted by tests).</summary>
public sealed record RejectedProposal(string Text, string Reason);

/// <summary>
/// The sensitive-inference guard, in code rather than only in the prompt. Concepts about health, religion,
/// ethnicity or nationality, sexual orientation, political views or finances pass only when the person's own words
/// (the evidence, found verbatim in what they wrote) state it in the first person together with a word of that category.
/// Such stated concepts are private by default. Everything else is normalized: confidence label and number agree,
/// low confidence is asked as a question, evidence that is not the person's own words is dropped.
/// </summary>
public static partial class ProfileCuratorGuard
{
    public const double LowBelow = 0.5;
    public const double HighFrom = 0.8;

    public static (IReadOnlyList<CuratedConcept> Kept, IReadOnlyList<RejectedProposal> Rejected) Apply(
        IEnumerable<ConceptProposalDraft> proposals, IReadOnlyList<string> userTexts)
    {
        var kept = new List<CuratedConcept>();
        var rejected = new List<RejectedProposal>();
        var haystack = Normalize(string.Join("\n", userTexts));
        foreach (var p in proposals)
        {
            var text = (p.Text ?? "").ReplaceLineEndings(" ").Trim();
            if (text.Length == 0 || text.Length > ConceptRules.MaxTextLength)
            {
                rejected.Add(new(text, "empty or too long"));
                continue;
            }
            var evidence = string.IsNullOrWhiteSpace(p.Evidence) ? null : p.Evidence.Trim().Trim('"', '“', '”');
            var evidenceIsOwnWords = evidence is not null && Normalize(evidence).Length > 0 && haystack.Contains(Normalize(evidence), StringComparison.Ordinal);
            var sensitive = SensitiveCategoryOf(text, p.Category);
            var confidence = Math.Clamp(double.IsFinite(p.ConfidenceScore) ? p.ConfidenceScore : 0, 0, 1);
            if (confidence == 0) confidence = LabelScore(p.Confidence);

            if (sensitive is not null)
            {
                if (!evidenceIsOwnWords)
                {
                    rejected.Add(new(text, $"{sensitive}: no quote of the person's own words"));
                    continue;
                }
                if (!StatesExplicitly(evidence!, sensitive))
                {
                    rejected.Add(new(text, $"{sensitive}: inferred from indirect cues, not stated"));
                    continue;
                }
            }
            else if (!evidenceIsOwnWords)
            {
                // Not the person's words: keep the idea, but only as a question.
                evidence = null;
                confidence = Math.Min(confidence, LowBelow - 0.05);
            }

            var level = confidence >= HighFrom ? ConfidenceLevel.High : confidence >= LowBelow ? ConfidenceLevel.Medium : ConfidenceLevel.Low;
            var question = level == ConfidenceLevel.Low
                ? (p.Question is { Length: > 0 and <= 300 } q && q.TrimEnd().EndsWith('?') ? q.Trim() : $"Should your profile say \"{text}\"?")
                : null;
            var kind = string.Equals(p.Kind, "change", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(p.Target)
                ? ProposalKind.Change : ProposalKind.Add;
            kept.Add(new CuratedConcept(kind, kind == ProposalKind.Change ? p.Target!.Trim() : null, text, CleanCategory(p.Category, sensitive),
                Math.Clamp(double.IsFinite(p.Weight) && p.Weight != 0 ? p.Weight : 0.8, -1, 1), evidence, level, Math.Round(confidence, 2), question,
                Stated: sensitive is not null || (p.Stated && evidenceIsOwnWords), IsPrivate: sensitive is not null, sensitive));
        }
        return (kept, rejected);
    }

    /// <summary>The sensitive category a concept touches, or null.</summary>
    public static string? SensitiveCategoryOf(string text, string? category)
    {
        var t = $" {text.ToLowerInvariant()} ";
        var c = (category ?? "").ToLowerInvariant();
        if (c is "health" or "medical" || Health().IsMatch(t)) return "health";
        if (c is "religion" or "faith" || Religion().IsMatch(t)) return "religion";
        if (c is "ethnicity" or "nationality" or "race" || Ethnicity().IsMatch(t) || (Nationality().IsMatch(t) && !Cuisine().IsMatch(t))) return "ethnicity or nationality";
        if (c is "sexuality" or "orientation" || Orientation().IsMatch(t)) return "sexual orientation";
        if (c is "politics" or "political" || Politics().IsMatch(t)) return "political views";
        if (c is "finances" or "finance" or "income" || Finances().IsMatch(t)) return "finances";
        return null;
    }

    /// <summary>The evidence states the attribute in the first person, with a word of that category ("I am vegan for religious reasons").</summary>
    public static bool StatesExplicitly(string evidence, string sensitiveCategory)
    {
        var e = $" {evidence.ToLowerInvariant()} ";
        if (!FirstPerson().IsMatch(e)) return false;
        var keyword = sensitiveCategory switch
        {
            "health" => Health(),
            "religion" => Religion(),
            "ethnicity or nationality" => EthnicityOrNationality(),
            "sexual orientation" => Orientation(),
            "political views" => Politics(),
            "finances" => Finances(),
            _ => null,
        };
        return keyword is not null && keyword.IsMatch(e);
    }

    private static double LabelScore(string? label) => (label ?? "").Trim().ToLowerInvariant() switch
    {
        "high" => 0.85,
        "low" => 0.35,
        _ => 0.6,
    };

    private static string CleanCategory(string? category, string? sensitive)
    {
        var c = (category ?? "").Trim().ToLowerInvariant();
        if (c.Length is 0 or > 40) c = "general";
        return sensitive is not null && c == "general" ? "private" : c;
    }

    private static string Normalize(string s) => ConceptText.Normalize(s);

    [GeneratedRegex(@"\b(i am|i'm|im|i have|i've|i was|i identify|i practi[cs]e|i follow|i vote|i support|i belong|i earn|i make|i owe|i live with|i suffer|i got diagnosed|i'm diagnosed|as an? |my (religion|faith|diagnosis|condition|income|salary|partner|husband|wife|doctor))\b")]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"\b(health|illness|ill|disease|diagnos\w*|diabet\w*|asthma\w*|allerg\w*|pregnan\w*|depress\w*|anxiety|adhd|autis\w*|disab\w*|wheelchair|cancer|chronic|medication|mental|epilep\w*|celiac|coeliac|gluten intolerance|lactose intolerant|insomnia|migraine\w*|hiv)\b")]
    private static partial Regex Health();

    [GeneratedRegex(@"\b(religio\w*|muslim|islam\w*|christian\w*|catholic|protestant|jewish|judaism|hindu\w*|buddhis\w*|sikh\w*|atheis\w*|agnostic|halal|kosher|church|mosque|synagogue|temple|faith|pray\w*|ramadan|lent|sabbath|spiritual)\b")]
    private static partial Regex Religion();

    [GeneratedRegex(@"\b(ethnic\w*|race|racial|arab\w*|asian|african|hispanic|latin[oax]|caucasian|white|black|indigenous|roma|immigrant|migrant|refugee|nationality|citizen\w*|heritage|descent|origin)\b")]
    private static partial Regex Ethnicity();

    [GeneratedRegex(@"\b(american|british|english|german|french|italian|spanish|portuguese|dutch|polish|russian|ukrainian|turkish|greek|indian|pakistani|bangladeshi|chinese|japanese|korean|vietnamese|thai|filipino|indonesian|mexican|brazilian|argentin\w*|nigerian|egyptian|moroccan|algerian|saudi|iranian|iraqi|syrian|lebanese|israeli|palestinian|somali|ethiopian|kenyan)\b")]
    private static partial Regex Nationality();

    [GeneratedRegex(@"\b(ethnic\w*|race|racial|arab\w*|asian|african|hispanic|latin[oax]|caucasian|white|black|indigenous|roma|immigrant|migrant|refugee|nationality|citizen\w*|heritage|descent|origin|american|british|english|german|french|italian|spanish|portuguese|dutch|polish|russian|ukrainian|turkish|greek|indian|pakistani|bangladeshi|chinese|japanese|korean|vietnamese|thai|filipino|indonesian|mexican|brazilian|argentin\w*|nigerian|egyptian|moroccan|algerian|saudi|iranian|iraqi|syrian|lebanese|israeli|palestinian|somali|ethiopian|kenyan)\b")]
    private static partial Regex EthnicityOrNationality();

    [GeneratedRegex(@"\b(food|cuisine|restaurants?|dishes|cooking|recipes?|wine|coffee|tea|beer|films?|movies|music|literature|art|language)\b")]
    private static partial Regex Cuisine();

    [GeneratedRegex(@"\b(gay|lesbian|bisexual|bi|queer|lgbt\w*|homosexual|heterosexual|straight|transgender|trans|nonbinary|non-binary|asexual|pansexual|sexual orientation|same-sex)\b")]
    private static partial Regex Orientation();

    [GeneratedRegex(@"\b(politic\w*|liberal|conservative|democrat\w*|republican|left-wing|right-wing|leftist|socialist|communist|libertarian|progressive|labour|tory|green party|vote[rs]?|voting|activist|trump|maga)\b")]
    private static partial Regex Politics();

    [GeneratedRegex(@"\b(income|salary|wealth\w*|rich|poor|poverty|debt\w*|loans?|mortgage|bankrupt\w*|unemploy\w*|welfare|benefits|credit score|low-income|high-income|broke|savings)\b")]
    private static partial Regex Finances();
}
