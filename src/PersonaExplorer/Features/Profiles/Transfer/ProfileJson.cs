using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PersonaExplorer.Data;
using static PersonaExplorer.Features.Profiles.Transfer.ProfileTransfer;
using PersonaExplorer.Features.Profiles.Versions;

namespace PersonaExplorer.Features.Profiles.Transfer;

/// <summary>The JSON profile file: a versioned schema, written and read back with every problem listed (nothing is written on error).</summary>
public static class ProfileJson
{
    public static string ToJson(Profile profile)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteNumber("version", ProfileTransfer.Version);
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
                return ProfileParseResult.Fail($"\"version\" is missing or not a number; this app reads version {ProfileTransfer.Version}.");
            if (!version.TryGetInt32(out var v) || v != ProfileTransfer.Version)
                return ProfileParseResult.Fail($"Unsupported version {version.GetRawText()}: this app reads profile files of version {ProfileTransfer.Version}.");

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
        else if (ConceptStore.CheckText(t.GetString()) is { } textError)
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
            : new ConceptDraft(text, ConceptStore.CleanCategory(category), weight, enabled, ConceptSource.Imported, evidence, isPrivate);
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
}
