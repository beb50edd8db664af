using System.Text.RegularExpressions;
using PersonaExplorer.Data;

using PersonaExplorer.Ai;

namespace PersonaExplorer.Features.Profiles.Curator;

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
            var category = p.Category.ToString().ToLowerInvariant();
            var sensitive = SensitiveCategoryOf(text, category);
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
            var kind = p.Kind == ProposalKind.Change && !string.IsNullOrWhiteSpace(p.Target) ? ProposalKind.Change : ProposalKind.Add;
            kept.Add(new CuratedConcept(kind, kind == ProposalKind.Change ? p.Target!.Trim() : null, text, CleanCategory(category, sensitive),
                Math.Clamp(double.IsFinite(p.Weight) && p.Weight != 0 ? p.Weight : 0.8, -1, 1), evidence, level, Math.Round(confidence, 2), question,
                Stated: sensitive is not null || (p.Stated && evidenceIsOwnWords), IsPrivate: sensitive is not null, sensitive));
        }
        return (kept, rejected);
    }

    /// <summary>The sensitive category a concept touches, or null.</summary>
    public static string? SensitiveCategoryOf(string text, string? category)
    {
        // Words read in context: "white wine", "Asian food", "straight flights", "liberal arts" are tastes, not attributes.
        var t = Benign().Replace($" {text.ToLowerInvariant()} ", " ");
        var c = (category ?? "").ToLowerInvariant();
        if (c is "health" or "medical" || Health().IsMatch(t)) return "health";
        if (c is "religion" or "faith" || Religion().IsMatch(t)) return "religion";
        if (c is "ethnicity" or "nationality" or "race" || Ethnicity().IsMatch(t) || (Nationality().IsMatch(t) && !Cuisine().IsMatch(t))) return "ethnicity or nationality";
        if (c is "sexuality" or "orientation" || Orientation().IsMatch(t)) return "sexual orientation";
        if (c is "politics" or "political" || Politics().IsMatch(t)) return "political views";
        if (c is "finances" or "finance" or "income" || Finances().IsMatch(t)) return "finances";
        return null;
    }

    /// <summary>
    /// The evidence states the attribute in the first person, with a word of that category ("I am vegan for religious
    /// reasons", "Ich bin Muslim", "Soy diabético").
    /// </summary>
    public static bool StatesExplicitly(string evidence, string sensitiveCategory)
    {
        var e = Benign().Replace($" {evidence.ToLowerInvariant()} ", " ");
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

    private static double LabelScore(ConfidenceLevel label) => label switch
    {
        ConfidenceLevel.High => 0.85,
        ConfidenceLevel.Low => 0.35,
        _ => 0.6,
    };

    private static string CleanCategory(string? category, string? sensitive)
    {
        var c = (category ?? "").Trim().ToLowerInvariant();
        if (c.Length is 0 or > 40) c = "general";
        return sensitive is not null && c == "general" ? "private" : c;
    }

    private static string Normalize(string s) => ConceptText.Normalize(s);

    // English, German, Spanish.
    [GeneratedRegex(@"\b(i am|i'm|im|i have|i've|i was|i identify|i practi[cs]e|i follow|i vote|i support|i belong|i earn|i make|i owe|i live with|i suffer|i got diagnosed|i'm diagnosed|as an? |my (religion|faith|diagnosis|condition|income|salary|partner|husband|wife|doctor)"
        + @"|ich bin|ich habe|ich hab|ich war|ich lebe|ich leide|ich bete|ich wähle|ich verdiene|bei mir wurde|meine? (religion|glaube|diagnose|krankheit|einkommen|gehalt|partner|partnerin|mann|frau|ärztin|arzt)"
        + @"|yo soy|soy|estoy|tengo|fui|me identifico|practico|voto|vivo con|sufro|gano|debo|me diagnosticaron|mi (religión|fe|diagnóstico|enfermedad|salario|sueldo|pareja|marido|esposa|médico))\b")]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"\b(health|illness|ill|disease|diagnos\w*|diabet\w*|asthma\w*|allerg\w*|pregnan\w*|depress\w*|anxiety|adhd|autis\w*|disab\w*|wheelchair|cancer|chronic|medication|mental|epilep\w*|celiac|coeliac|gluten intolerance|lactose intolerant|insomnia|migraine\w*|hiv"
        + @"|gesundheit\w*|krank\w*|diabetiker\w*|schwanger\w*|angststörung\w*|behinder\w*|rollstuhl\w*|krebs|chronisch\w*|medikament\w*|psychisch\w*|zöliakie|laktoseintoleran\w*|migräne|schlaflosigkeit"
        + @"|salud|enferm\w*|diabétic\w*|asma|alérgic\w*|alergia\w*|embarazad\w*|depresi\w*|ansiedad|discapacid\w*|silla de ruedas|cáncer|crónic\w*|medicament\w*|celíac\w*|intoleran\w*|migraña\w*|insomnio)\b")]
    private static partial Regex Health();

    [GeneratedRegex(@"\b(religio\w*|muslim|islam\w*|christian\w*|catholic|protestant|jewish|judaism|hindu\w*|buddhis\w*|sikh\w*|atheis\w*|agnostic|halal|kosher|church|mosque|synagogue|temple|faith|pray\w*|ramadan|lent|sabbath|spiritual"
        + @"|muslim\w*|christ(en|in|lich\w*)|katholi\w*|evangelisch\w*|jüdisch\w*|jude|jüdin|koscher|kirche|moschee|synagoge|tempel|gläubig\w*|an gott|beten|bete|fastenzeit|sabbat|spirituell\w*"
        + @"|musulm\w*|islám\w*|cristian\w*|católic\w*|judí\w*|judío|hindú|budista|ate[oa]|iglesia|mezquita|sinagoga|templo|rezo|rezar|ramadán|cuaresma|espiritual\w*)\b")]
    private static partial Regex Religion();

    [GeneratedRegex(@"\b(ethnic\w*|race|racial|arab\w*|asian|african|hispanic|latin[oax]|caucasian|white|black|indigenous|roma|immigrant|migrant|refugee|nationality|citizen\w*|heritage|descent|origin"
        + @"|ethnisch\w*|rasse|herkunft|abstammung|migrationshintergrund|migrant\w*|flüchtling\w*|staatsangehörigkeit|nationalität|ausländer\w*|araber\w*|afrikaner\w*|asiat\w*|schwarze[rn]?|weiße[rn]?"
        + @"|étnic\w*|raza|origen|ascendencia|inmigrante\w*|migrante\w*|refugiad\w*|nacionalidad|ciudadan\w*|árabe\w*|african[oa]s?|asiátic\w*|hispan[oa]s?|indígena\w*|gitan[oa]s?|negr[oa]s?|blanc[oa]s?)\b")]
    private static partial Regex Ethnicity();

    [GeneratedRegex(@"\b(american|british|english|german|french|italian|spanish|portuguese|dutch|polish|russian|ukrainian|turkish|greek|indian|pakistani|bangladeshi|chinese|japanese|korean|vietnamese|thai|filipino|indonesian|mexican|brazilian|argentin\w*|nigerian|egyptian|moroccan|algerian|saudi|iranian|iraqi|syrian|lebanese|israeli|palestinian|somali|ethiopian|kenyan)\b")]
    private static partial Regex Nationality();

    [GeneratedRegex(@"\b(ethnic\w*|race|racial|arab\w*|asian|african|hispanic|latin[oax]|caucasian|white|black|indigenous|roma|immigrant|migrant|refugee|nationality|citizen\w*|heritage|descent|origin|american|british|english|german|french|italian|spanish|portuguese|dutch|polish|russian|ukrainian|turkish|greek|indian|pakistani|bangladeshi|chinese|japanese|korean|vietnamese|thai|filipino|indonesian|mexican|brazilian|argentin\w*|nigerian|egyptian|moroccan|algerian|saudi|iranian|iraqi|syrian|lebanese|israeli|palestinian|somali|ethiopian|kenyan)\b")]
    private static partial Regex EthnicityOrNationality();

    [GeneratedRegex(@"\b(food|cuisine|restaurants?|dishes|cooking|recipes?|wine|coffee|tea|beer|films?|movies|music|literature|art|language)\b")]
    private static partial Regex Cuisine();

    [GeneratedRegex(@"\b(gay|lesbian|bisexual|bi|queer|lgbt\w*|homosexual|heterosexual|straight|transgender|trans|nonbinary|non-binary|asexual|pansexual|sexual orientation|same-sex"
        + @"|schwul\w*|lesbisch\w*|bisexuell\w*|homosexuell\w*|heterosexuell\w*|transsexuell\w*|nichtbinär\w*|sexuelle orientierung|gleichgeschlechtlich\w*"
        + @"|lesbiana\w*|homosexuales|transgénero|no binari[oa]|orientación sexual|del mismo sexo)\b")]
    private static partial Regex Orientation();

    [GeneratedRegex(@"\b(politic\w*|liberal|conservative|democrat\w*|republican|left-wing|right-wing|leftist|socialist|communist|libertarian|progressive|labour|tory|green party|vote[rs]?|voting|activist|trump|maga"
        + @"|politisch\w*|partei\w*|konservativ\w*|sozialist\w*|kommunist\w*|linksgerichtet\w*|rechtsgerichtet\w*|wähle|wähler\w*|aktivist\w*|afd|cdu|spd|fdp"
        + @"|polític\w*|conservador\w*|socialista\w*|comunista\w*|progresista\w*|izquierdista\w*|derechista\w*|votante\w*|votar|activista\w*)\b")]
    private static partial Regex Politics();

    [GeneratedRegex(@"\b(income|salary|wealth\w*|rich|poor|poverty|debt\w*|loans?|mortgage|bankrupt\w*|unemploy\w*|welfare|benefits|credit score|low-income|high-income|broke|savings"
        + @"|einkommen|gehalt|vermögen\w*|armut|schulden|kredit\w*|hypothek\w*|pleite|arbeitslos\w*|bürgergeld|sozialhilfe|hartz"
        + @"|ingresos?|salario|sueldo|riqueza|pobre\w*|pobreza|deuda\w*|préstamo\w*|hipoteca\w*|bancarrota|quiebra|desemplead\w*|subsidio\w*|ahorros)\b")]
    private static partial Regex Finances();

    /// <summary>
    /// A sensitive-looking word in a harmless collocation — a taste, a subject, a route — is not an attribute of the person:
    /// removed before the category words are looked for. "I am straight" and "soy negro" still count.
    /// </summary>
    [GeneratedRegex(@"\b(white|black|red|rosé) (wine|rice|bread|sand|beach(es)?|chocolate|tea|coffee|pepper|truffles?|forest|water|noise|tie|friday|box)\b"
        + @"|\b(asian|african|arab|arabic|latin|hispanic|indian|caribbean|middle eastern|indigenous) (food|cuisine|restaurants?|dishes|cooking|recipes?|markets?|art|music|films?|literature|history|culture|languages?|dance|fusion|spices|street food)\b"
        + @"|\bstraight (flights?|route|line|connection|train|to the point|answers?|away|talk)\b|\bstraightforward\b"
        + @"|\bliberal (arts|amounts?|portions?|use)\b|\bconservative (estimates?|budget|approach|colou?rs|style|clothes|dress|choice)\b|\bprogressive (rock|lenses|metal|web)\b|\blabour (market|day)\b"
        + @"|\btrans-\w+|\bbi-\w+|\b(rich|poor) (food|flavou?rs?|desserts?|sauces?|history|culture|in \w+|wifi|wi-fi|connection|signal|service|weather|reviews|visibility)\b|\bheritage (sites?|buildings?|tours?|walks?|railways?)\b"
        + @"|\b(vino|arroz|chocolate|pan|café|té|arena|playa|pimienta)s? (blanc|negr|tint)[oa]s?\b|\bcocina (asiática|africana|árabe|latina|india)\b|\bvuelos? direct[oa]s?\b"
        + @"|\b(in|auf|en) (english|german|french|spanish|italian|portuguese|dutch|polish|russian|ukrainian|turkish|greek|chinese|japanese|korean|vietnamese|thai|arabic|hindi|deutsch|englisch|französisch|spanisch|italienisch|español|inglés|alemán|francés|italiano)\b"
        + @"|\b(weiß|rot|schwarz)(wein|brot|tee)\w*|\b(asiatische|afrikanische|arabische|indische) (küche|essen|gerichte|restaurants?)\b|\bdirektflüge?\b")]
    private static partial Regex Benign();
}
