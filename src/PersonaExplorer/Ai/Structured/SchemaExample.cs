using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PersonaExplorer.Ai.Structured;

/// <summary>
/// Values for a JSON schema. <see cref="Minimal"/>: the smallest valid value (objects with their required properties,
/// the fewest array items, "" strings, the minimum number, false), which the offline demo model answers when no responder
/// knows the schema. <see cref="For"/>: an example for prompts — one item per array and "…" as the placeholder of a
/// string, so a model that does not see the schema itself sees the shape (names, nesting, types).
/// </summary>
public static class SchemaExample
{
    private const int MaxDepth = 24;

    /// <summary>A prompt is read by a model: "…" as written, not \u2026.</summary>
    private static readonly JsonWriterOptions ReadableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An example value for prompts.</summary>
    public static string For(JsonElement schema) => Render(schema, example: true);

    /// <summary>The smallest value valid for the schema.</summary>
    public static string Minimal(JsonElement schema) => Render(schema, example: false);

    private static string Render(JsonElement schema, bool example)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, example ? ReadableJson : default))
            Write(writer, schema, schema, 0, example);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, JsonElement schema, JsonElement root, int depth, bool example)
    {
        if (depth > MaxDepth || schema.ValueKind != JsonValueKind.Object)
        {
            w.WriteNullValue();
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } pointer && Resolve(root, pointer) is { } target)
        {
            Write(w, target, root, depth + 1, example);
            return;
        }
        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(w);
            return;
        }
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            (values.EnumerateArray().FirstOrDefault(v => v.ValueKind != JsonValueKind.Null) is { ValueKind: not JsonValueKind.Undefined } v
                ? v : values[0]).WriteTo(w);
            return;
        }
        foreach (var combinator in (string[])["anyOf", "oneOf", "allOf"])
            if (schema.TryGetProperty(combinator, out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
            {
                var pick = options.EnumerateArray().FirstOrDefault(o => TypeOf(o) != "null");
                Write(w, pick.ValueKind == JsonValueKind.Undefined ? options[0] : pick, root, depth + 1, example);
                return;
            }

        switch (TypeOf(schema))
        {
            case "object":
                w.WriteStartObject();
                if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
                    foreach (var name in required.EnumerateArray().Select(r => r.GetString()).OfType<string>())
                    {
                        w.WritePropertyName(name);
                        if (schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
                            && props.TryGetProperty(name, out var prop))
                            Write(w, prop, root, depth + 1, example);
                        else
                            w.WriteNullValue();
                    }
                w.WriteEndObject();
                break;
            case "array":
                w.WriteStartArray();
                var minItems = Math.Max(example ? 1 : 0, schema.TryGetProperty("minItems", out var min) && min.TryGetInt32(out var n) ? Math.Min(n, 16) : 0);
                for (var i = 0; i < minItems; i++)
                    if (schema.TryGetProperty("items", out var items)) Write(w, items, root, depth + 1, example);
                    else w.WriteNullValue();
                w.WriteEndArray();
                break;
            case "string":
                var text = SampleString(schema);
                w.WriteStringValue(example && text.Length == 0 ? "…" : text);
                break;
            case "integer":
                w.WriteNumberValue((long)Math.Ceiling(Minimum(schema)));
                break;
            case "number":
                w.WriteNumberValue(Minimum(schema));
                break;
            case "boolean":
                w.WriteBooleanValue(false);
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }

    /// <summary>The schema's type; for a type list the first that is not "null"; "object" when only properties are given.</summary>
    private static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String) return type.GetString();
            if (type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Select(t => t.GetString()).ToList();
                return types.FirstOrDefault(t => t != "null") ?? "null";
            }
        }
        return schema.TryGetProperty("properties", out _) ? "object" : null;
    }

    private static string SampleString(JsonElement schema)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var sample = format switch
        {
            "date-time" => "2000-01-01T00:00:00+00:00",
            "date" => "2000-01-01",
            "time" => "00:00:00",
            "uuid" => "00000000-0000-0000-0000-000000000000",
            "uri" => "https://example.invalid/",
            "email" => "demo@example.invalid",
            "duration" => "PT0S",
            _ => "",
        };
        var minLength = schema.TryGetProperty("minLength", out var ml) && ml.TryGetInt32(out var m) ? Math.Min(m, 256) : 0;
        return sample.Length >= minLength ? sample : sample + new string('a', minLength - sample.Length);
    }

    private static double Minimum(JsonElement schema)
    {
        var value = 0d;
        if (schema.TryGetProperty("minimum", out var min) && min.TryGetDouble(out var m)) value = Math.Max(value, m);
        if (schema.TryGetProperty("exclusiveMinimum", out var ex) && ex.TryGetDouble(out var e) && value <= e) value = e + 1;
        if (schema.TryGetProperty("maximum", out var max) && max.TryGetDouble(out var x) && value > x) value = x;
        return value;
    }

    /// <summary>Resolves a local JSON pointer such as "#/$defs/Need" or "#/properties/items/items".</summary>
    private static JsonElement? Resolve(JsonElement root, string pointer)
    {
        if (pointer == "#") return root;
        if (!pointer.StartsWith("#/", StringComparison.Ordinal)) return null;
        var current = root;
        foreach (var raw in pointer[2..].Split('/'))
        {
            var part = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(part, out var next)) current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                     && index < current.GetArrayLength()) current = current[index];
            else return null;
        }
        return current;
    }
}
