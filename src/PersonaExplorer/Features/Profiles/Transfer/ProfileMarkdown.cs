using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PersonaExplorer.Data;
using static PersonaExplorer.Features.Profiles.Transfer.ProfileTransfer;
using PersonaExplorer.Features.Profiles.Versions;

namespace PersonaExplorer.Features.Profiles.Transfer;

/// <summary>The human-readable Markdown profile file, which reads back in (validated like the JSON one).</summary>
public static partial class ProfileMarkdown
{
    public static string ToMarkdown(Profile profile)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(OneLine(profile.Name)).Append("\n\n");
        sb.Append("<!-- ").Append(Schema).Append(" version ").Append(ProfileTransfer.Version).Append(" -->\n");
        sb.Append("Concepts that steer PersonaExplorer's answers. `[x]` = on, `[ ]` = off; weight −1 (avoid) … +1 (prefer).\n");
        foreach (var group in Exportable(profile).GroupBy(c => c.Category))
        {
            sb.Append("\n## ").Append(OneLine(group.Key)).Append("\n\n");
            foreach (var c in group)
            {
                sb.Append("- [").Append(c.Enabled ? 'x' : ' ').Append("] ").Append(OneLine(c.Text))
                  .Append(" (weight ").Append(c.Weight.ToString("+0.0#;-0.0#;0.0", CultureInfo.InvariantCulture))
                  .Append(", source ").Append(c.Source.ToString().ToLowerInvariant());
                if (c.IsPrivate) sb.Append(", private");
                sb.Append(")\n");
                if (!string.IsNullOrEmpty(c.Evidence))
                    sb.Append("  - evidence: ").Append(JsonSerializer.Serialize(c.Evidence)).Append('\n');
            }
        }
        return sb.ToString();
    }

    public static ProfileParseResult ParseMarkdown(string text)
    {
        var errors = new List<string>();
        var drafts = new List<ConceptDraft>();
        string? name = null;
        var category = "general";
        ConceptDraft? last = null;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var n = 0; n < lines.Length && errors.Count < MaxErrors; n++)
        {
            var line = lines[n].TrimEnd();
            var at = $"Line {n + 1}";
            if (line.Length == 0) continue;
            if (VersionComment().Match(line) is { Success: true } vc)
            {
                if (vc.Groups["schema"].Value != Schema) errors.Add($"{at}: the schema \"{vc.Groups["schema"].Value}\" is not {Schema}.");
                else if (vc.Groups["v"].Value != ProfileTransfer.Version.ToString(CultureInfo.InvariantCulture))
                    errors.Add($"{at}: unsupported version {vc.Groups["v"].Value}; this app reads profile files of version {ProfileTransfer.Version}.");
                continue;
            }
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                if (name is not null) errors.Add($"{at}: a second \"# name\" heading; one file holds one profile.");
                else if (ProfileStore.CheckName(line[2..]) is { } nameError) errors.Add($"{at}: {nameError}");
                else name = line[2..].Trim();
                continue;
            }
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                category = line[3..].Trim().ToLowerInvariant();
                if (category.Length is 0 or > MaxCategoryLength) errors.Add($"{at}: a category is 1–{MaxCategoryLength} characters.");
                last = null;
                continue;
            }
            if (EvidenceLine().Match(line) is { Success: true } ev)
            {
                if (last is null) { errors.Add($"{at}: evidence without a concept above it."); continue; }
                var raw = ev.Groups["e"].Value.Trim();
                string? evidence = raw;
                if (raw.StartsWith('"'))
                {
                    try { evidence = JsonSerializer.Deserialize<string>(raw); }
                    catch (JsonException) { errors.Add($"{at}: the evidence quote is not closed properly."); continue; }
                }
                if (evidence is { Length: > MaxEvidenceLength }) { errors.Add($"{at}: evidence is longer than {MaxEvidenceLength} characters."); continue; }
                drafts[^1] = last = last with { Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim() };
                continue;
            }
            if (line.TrimStart().StartsWith("- ", StringComparison.Ordinal) || line.TrimStart().StartsWith("* ", StringComparison.Ordinal))
            {
                var m = ConceptLine().Match(line);
                if (!m.Success)
                {
                    errors.Add($"{at}: expected a concept line like \"- [x] prefers trains (weight +0.8, source stated)\".");
                    continue;
                }
                var conceptText = m.Groups["text"].Value.Trim();
                if (ConceptStore.CheckText(conceptText) is { } textError) { errors.Add($"{at}: {textError}"); continue; }
                var weight = 1.0;
                var isPrivate = false;
                var bad = false;
                if (m.Groups["attrs"].Success)
                    foreach (var part in m.Groups["attrs"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (part.StartsWith("weight ", StringComparison.Ordinal))
                        {
                            if (!double.TryParse(part[7..], NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !double.IsFinite(weight) || weight < -1 || weight > 1)
                            {
                                errors.Add($"{at}: the weight must be a number from -1 to 1, found \"{ProfileHistory.Shorten(part[7..], 20)}\".");
                                bad = true;
                            }
                        }
                        else if (part == "private") isPrivate = true;
                        else if (part.StartsWith("source ", StringComparison.Ordinal)) { }
                        else { errors.Add($"{at}: unknown attribute \"{ProfileHistory.Shorten(part, 30)}\"."); bad = true; }
                    }
                if (bad) continue;
                last = new ConceptDraft(conceptText, category, weight, m.Groups["on"].Value != " ", ConceptSource.Imported, null, isPrivate);
                drafts.Add(last);
                if (drafts.Count > MaxConcepts) { errors.Add($"Too many concepts: a profile holds at most {MaxConcepts}."); break; }
                continue;
            }
            // Any other line (an introduction, a note) is prose and is ignored.
        }
        if (name is null && errors.Count == 0) errors.Add("The file needs a \"# Profile name\" heading.");
        CheckDuplicates(drafts, errors);
        return errors.Count > 0 ? new(null, errors.Take(MaxErrors).ToList()) : new(new ProfileDocument(name!, drafts), []);
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    [GeneratedRegex(@"^<!--\s*(?<schema>[\w.]+)\s+version\s+(?<v>\S+)\s*-->$")]
    private static partial Regex VersionComment();

    [GeneratedRegex(@"^[-*] \[(?<on>[ xX])\] (?<text>.+?)(?: \((?<attrs>weight [^()]*)\))?$")]
    private static partial Regex ConceptLine();

    [GeneratedRegex(@"^\s+[-*] evidence:(?<e>.*)$")]
    private static partial Regex EvidenceLine();
}
