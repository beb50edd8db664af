using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Profiles;

/// <summary>A profile file as read and validated, before anything is written.</summary>
public sealed record ProfileDocument(string Name, IReadOnlyList<ConceptDraft> Concepts);

/// <summary>Either a valid document or the problems that make the file unusable (nothing is written then).</summary>
public sealed record ProfileParseResult(ProfileDocument? Document, IReadOnlyList<string> Errors)
{
    public bool Ok => Document is not null && Errors.Count == 0;
    public static ProfileParseResult Fail(params string[] errors) => new(null, errors);
}

/// <summary>
/// Profile files: JSON with a versioned schema (<c>{"schema":"personaexplorer.profile","version":1,"name":…,"concepts":[…]}</c>)
/// and human-readable Markdown that reads back in. Both are validated completely before anything is written.
/// </summary>
public static partial class ProfileTransfer
{
    public const string Schema = "personaexplorer.profile";
    public const int Version = 1;
    public const int MaxFileBytes = 256 * 1024;
    public const int MaxConcepts = 500;
    public const int MaxEvidenceLength = 1000;
    public const int MaxCategoryLength = 40;
    private const int MaxErrors = 12;

    // ------------------------------------------------------------------ export

    /// <summary>Session-scoped concepts belong to one exploration and are not exported.</summary>
    public static IEnumerable<Concept> Exportable(Profile profile) =>
        profile.Concepts.Where(c => c.SessionId is null).OrderBy(c => c.SortOrder).ThenBy(c => c.CreatedUtc);

    public static string ToJson(Profile profile)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteNumber("version", Version);
            w.WriteString("name", profile.Name);
            w.WriteStartArray("concepts");
            foreach (var c in Exportable(profile))
            {
                w.WriteStartObject();
                w.WriteString("text", c.Text);
                w.WriteString("category", c.Category);
                w.WriteNumber("weight", Math.Round(c.Weight, 2));
                w.WriteBoolean("enabled", c.Enabled);
                w.WriteBoolean("private", c.IsPrivate);
                w.WriteString("source", c.Source.ToString().ToLowerInvariant());
                if (!string.IsNullOrEmpty(c.Evidence)) w.WriteString("evidence", c.Evidence);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string ToMarkdown(Profile profile)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(OneLine(profile.Name)).Append("\n\n");
        sb.Append("<!-- ").Append(Schema).Append(" version ").Append(Version).Append(" -->\n");
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

    public static string FileName(Profile profile, string extension)
    {
        var safe = new string(profile.Name.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch : '-').ToArray()).Trim('-');
        return $"{(safe.Length == 0 ? "profile" : safe)}.{extension}";
    }

    // ------------------------------------------------------------------ import

    /// <summary>Reads a JSON or Markdown profile file (by extension, else by content) and validates all of it.</summary>
    public static ProfileParseResult Parse(string fileName, byte[] content)
    {
        if (content.Length == 0) return ProfileParseResult.Fail("The file is empty.");
        if (content.Length > MaxFileBytes)
            return ProfileParseResult.Fail($"The file is too large: {content.Length / 1024.0:N0} KB; profile files are at most {MaxFileBytes / 1024} KB.");
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return ProfileParseResult.Fail("The file is not UTF-8 text (is it a profile exported from PersonaExplorer?).");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var markdown = ext is ".md" or ".markdown" || (ext != ".json" && text.TrimStart().StartsWith('#'));
        var result = markdown ? ParseMarkdown(text) : ParseJson(text);
        // PostgreSQL cannot store U+0000 in text (SQLite can): refuse it here with a reason instead of failing at save.
        return result.Document is { } doc && (doc.Name.Contains('\0') || doc.Concepts.Any(c => $"{c.Text}{c.Category}{c.Evidence}".Contains('\0')))
            ? ProfileParseResult.Fail("The file contains a NUL character (U+0000), which is not text; nothing was imported.")
            : result;
    }

    public static ProfileParseResult ParseJson(string text)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            return ProfileParseResult.Fail($"The file is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}).");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return ProfileParseResult.Fail($"The file must contain one JSON object with \"schema\": \"{Schema}\", found {Kind(root)}.");
            if (!root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String || schema.GetString() != Schema)
                return ProfileParseResult.Fail($"\"schema\" must be \"{Schema}\"; this is not a PersonaExplorer profile file.");
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
                return ProfileParseResult.Fail($"\"version\" is missing or not a number; this app reads version {Version}.");
            if (!version.TryGetInt32(out var v) || v != Version)
                return ProfileParseResult.Fail($"Unsupported version {version.GetRawText()}: this app reads profile files of version {Version}.");

            var errors = new List<string>();
            var name = "";
            if (!root.TryGetProperty("name", out var nameEl) || nameEl.ValueKind != JsonValueKind.String)
                errors.Add($"\"name\" must be a string, found {Kind(nameEl)}.");
            else if (ProfileStore.CheckName(nameEl.GetString()) is { } nameError)
                errors.Add($"\"name\": {nameError}");
            else
                name = nameEl.GetString()!.Trim();

            var drafts = new List<ConceptDraft>();
            if (!root.TryGetProperty("concepts", out var concepts) || concepts.ValueKind != JsonValueKind.Array)
                errors.Add($"\"concepts\" must be an array, found {Kind(concepts)}.");
            else if (concepts.GetArrayLength() > MaxConcepts)
                errors.Add($"Too many concepts: {concepts.GetArrayLength():N0}; a profile holds at most {MaxConcepts}.");
            else
            {
                var i = 0;
                foreach (var item in concepts.EnumerateArray())
                {
                    var at = $"concepts[{i++}]";
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add($"{at} must be an object, found {Kind(item)}.");
                        continue;
                    }
                    var draft = ReadConcept(item, at, errors);
                    if (draft is not null) drafts.Add(draft);
                    if (errors.Count >= MaxErrors) break;
                }
            }
            CheckDuplicates(drafts, errors);
            return errors.Count > 0 ? new(null, errors.Take(MaxErrors).ToList()) : new(new ProfileDocument(name, drafts), []);
        }
    }

    private static ConceptDraft? ReadConcept(JsonElement item, string at, List<string> errors)
    {
        var before = errors.Count;
        string? text = null;
        if (!item.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String)
            errors.Add($"{at}.text must be a string, found {Kind(t)}.");
        else if (ProfileStore.CheckText(t.GetString()) is { } textError)
            errors.Add($"{at}.text: {textError}");
        else
            text = t.GetString()!.Trim();

        var category = OptionalString(item, "category", at, MaxCategoryLength, errors) ?? "general";
        var evidence = OptionalString(item, "evidence", at, MaxEvidenceLength, errors);
        var weight = 1.0;
        if (item.TryGetProperty("weight", out var w))
        {
            if (w.ValueKind != JsonValueKind.Number || !w.TryGetDouble(out weight) || !double.IsFinite(weight) || weight < -1 || weight > 1)
                errors.Add($"{at}.weight must be a number from -1 to 1, found {Short(w)}.");
        }
        var enabled = OptionalBool(item, "enabled", at, true, errors);
        var isPrivate = OptionalBool(item, "private", at, false, errors);
        if (item.TryGetProperty("source", out var s) && s.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            errors.Add($"{at}.source must be a string, found {Kind(s)}.");
        return errors.Count > before || text is null
            ? null
            : new ConceptDraft(text, ProfileStore.CleanCategory(category), weight, enabled, ConceptSource.Imported, evidence, isPrivate);
    }

    private static string? OptionalString(JsonElement item, string name, string at, int max, List<string> errors)
    {
        if (!item.TryGetProperty(name, out var el) || el.ValueKind == JsonValueKind.Null) return null;
        if (el.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{at}.{name} must be a string, found {Kind(el)}.");
            return null;
        }
        var value = el.GetString()!.Trim();
        if (value.Length > max)
        {
            errors.Add($"{at}.{name} is too long: {value.Length:N0} characters, at most {max}.");
            return null;
        }
        return value.Length == 0 ? null : value;
    }

    private static bool OptionalBool(JsonElement item, string name, string at, bool fallback, List<string> errors)
    {
        if (!item.TryGetProperty(name, out var el)) return fallback;
        if (el.ValueKind is JsonValueKind.True or JsonValueKind.False) return el.GetBoolean();
        errors.Add($"{at}.{name} must be true or false, found {Short(el)}.");
        return fallback;
    }

    private static void CheckDuplicates(IReadOnlyList<ConceptDraft> drafts, List<string> errors)
    {
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var key = ConceptText.Normalize(drafts[i].Text);
            if (seen.TryGetValue(key, out var first)) errors.Add($"Concept \"{ProfileHistory.Shorten(drafts[i].Text, 60)}\" appears twice (#{first + 1} and #{i + 1}).");
            else seen[key] = i;
        }
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
                else if (vc.Groups["v"].Value != Version.ToString(CultureInfo.InvariantCulture))
                    errors.Add($"{at}: unsupported version {vc.Groups["v"].Value}; this app reads profile files of version {Version}.");
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
                if (ProfileStore.CheckText(conceptText) is { } textError) { errors.Add($"{at}: {textError}"); continue; }
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

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Undefined => "nothing",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Short(JsonElement e) => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? Kind(e) : ProfileHistory.Shorten(e.GetRawText(), 30);

    [GeneratedRegex(@"^<!--\s*(?<schema>[\w.]+)\s+version\s+(?<v>\S+)\s*-->$")]
    private static partial Regex VersionComment();

    [GeneratedRegex(@"^[-*] \[(?<on>[ xX])\] (?<text>.+?)(?: \((?<attrs>weight [^()]*)\))?$")]
    private static partial Regex ConceptLine();

    [GeneratedRegex(@"^\s+[-*] evidence:(?<e>.*)$")]
    private static partial Regex EvidenceLine();
}
