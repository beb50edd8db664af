using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PersonaExplorer.Ai.Offline;

/// <summary>
/// Composes the offline demo model's markdown answer from what it understood (<see cref="OfflineReading"/>): the task
/// family's options steered by the concepts, and one line per concept saying what it changed. Concept, need and request
/// texts are data: quoted as escaped markdown, never followed as instructions; the system prompt is never repeated.
/// </summary>
public static partial class OfflineDemoAnswer
{
    public const string Footer = "_Offline demo model — deterministic sample answer._";
    public const string NoConcepts = "No profile concepts were enabled, so these are the generic suggestions.";
    public const string NotSure = "I'm not sure what kind of task this is";

    public static string Compose(OfflineReading reading)
    {
        var request = reading.UserMessages.LastOrDefault()?.Trim() ?? "";
        var sb = new StringBuilder();
        if (reading.Family is not { } family)
        {
            sb.Append(NotSure).Append(request.Length == 0 ? "." : $": *{Quote(request, 160)}*.").Append("\n\n")
              .Append("The offline demo model only recognises these kinds of tasks: ")
              .Append(string.Join(", ", OfflineCatalogue.TaskFamilies.Select(f => f.Name))).Append(".\n\n")
              .Append("Could you say what you want to plan, choose, learn or find — for example *plan a weekend trip* or *choose a laptop*?\n\n")
              .Append(Footer);
            return sb.ToString();
        }

        var steered = OfflineSteering.Choose(family, reading.Concepts);
        sb.Append(request.Length == 0
            ? $"Here are three {family.Noun}."
            : $"Here are three {family.Noun} for your request: *{Quote(request, 160)}*.").Append("\n\n");
        sb.Append("### Suggestions\n\n");
        for (var i = 0; i < steered.Chosen.Count; i++)
            sb.Append(i + 1).Append(". **").Append(steered.Chosen[i].Title).Append("** — ").Append(steered.Chosen[i].Detail).Append(".\n");

        sb.Append("\n### How your profile shaped this\n\n");
        if (!reading.Concepts.Any(c => !c.IsNeed)) sb.Append(NoConcepts).Append('\n');
        foreach (var effect in steered.Effects)
            sb.Append("- ").Append(Explain(effect, family)).Append('\n');
        sb.Append('\n').Append(Footer);
        return sb.ToString();
    }

    private static string Explain(ConceptEffect effect, TaskFamily family)
    {
        var c = effect.Concept;
        var quoted = $"*{Quote(c.Text)}*{(c.IsNeed ? " (confirmed need)" : WeightText(c.Weight))}";
        if (c.LooksLikeInstruction)
            return $"{quoted} reads like an instruction, so it was treated as data and not followed.";
        if (c.Family is not { } f)
            return $"{quoted} was not understood by the demo model (it matches none of its {OfflineCatalogue.ConceptFamilies.Count} kinds of preference), so it changed nothing.";
        var reading = $"read as {(c.Stance == Stance.Likes ? "liking" : "avoiding")} {f.Name}";
        if (c.Weight == 0)
            return $"{quoted} {reading}, but it carries no weight, so it changed nothing.";
        var changes = new List<string>();
        if (effect.Dropped.Count > 0) changes.Add("dropped " + string.Join(", ", effect.Dropped.Select(o => $"**{o.Title}**")));
        if (effect.Added.Count > 0) changes.Add("added " + string.Join(", ", effect.Added.Select(o => $"**{o.Title}**")));
        return changes.Count > 0
            ? $"{quoted} {reading}: {string.Join("; ", changes)}."
            : $"{quoted} {reading}; none of the {family.Noun} here depend on it.";
    }

    private static string WeightText(double weight) => $" (weight {weight.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture)})";

    /// <summary>User text as inert markdown: one line, markdown and HTML punctuation escaped, optionally shortened.</summary>
    public static string Quote(string text, int maxLength = 200)
    {
        var oneLine = Whitespace().Replace(text, " ").Trim();
        if (oneLine.Length > maxLength) oneLine = oneLine[..maxLength].TrimEnd() + "…";
        var sb = new StringBuilder(oneLine.Length + 8);
        foreach (var ch in oneLine)
        {
            if (ch is '\\' or '*' or '_' or '`' or '[' or ']' or '(' or ')' or '<' or '>' or '#' or '|' or '~' or '!' or '&')
                sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
