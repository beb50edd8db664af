using System.Text;
using System.Text.Json;

namespace PersonaExplorer.Ai.Structured;

/// <summary>
/// An example value for a JSON schema, for prompts: one item per array, the first enum value, the type's name as the
/// placeholder of a string. It shows the shape (names, nesting, types); the descriptions say what goes in.
/// </summary>
public static class SchemaExample
{
    private const int MaxDepth = 12;

    public static string For(JsonElement schema)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            Write(writer, schema, schema, 0);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, JsonElement schema, JsonElement root, int depth)
    {
        if (depth > MaxDepth || schema.ValueKind != JsonValueKind.Object)
        {
            w.WriteNullValue();
            return;
        }
        if (schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } pointer && Resolve(root, pointer) is { } target)
        {
            Write(w, target, root, depth + 1);
            return;
        }
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            values[0].WriteTo(w);
            return;
        }
        if (schema.TryGetProperty("anyOf", out var anyOf) && anyOf.ValueKind == JsonValueKind.Array)
        {
            var first = anyOf.EnumerateArray().FirstOrDefault(s => !IsNull(s));
            Write(w, first, root, depth + 1);
            return;
        }
        switch (TypeOf(schema))
        {
            case "object":
                w.WriteStartObject();
                if (schema.TryGetProperty("properties", out var properties))
                    foreach (var property in properties.EnumerateObject())
                    {
                        w.WritePropertyName(property.Name);
                        Write(w, property.Value, root, depth + 1);
                    }
                w.WriteEndObject();
                break;
            case "array":
                w.WriteStartArray();
                if (schema.TryGetProperty("items", out var items)) Write(w, items, root, depth + 1);
                w.WriteEndArray();
                break;
            case "integer": w.WriteNumberValue(1); break;
            case "number": w.WriteNumberValue(0.5); break;
            case "boolean": w.WriteBooleanValue(false); break;
            case "string": w.WriteStringValue("…"); break;
            default: w.WriteNullValue(); break;
        }
    }

    /// <summary>The first non-null type of "type" (a string or an array such as ["string","null"]).</summary>
    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type)) return schema.TryGetProperty("properties", out _) ? "object" : null;
        if (type.ValueKind == JsonValueKind.String) return type.GetString();
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : null;
    }

    private static bool IsNull(JsonElement schema) => TypeOf(schema) is null && schema.TryGetProperty("type", out _);

    private static JsonElement? Resolve(JsonElement root, string pointer)
    {
        if (pointer == "#") return root;
        if (!pointer.StartsWith("#/", StringComparison.Ordinal)) return null;
        var current = root;
        foreach (var part in pointer[2..].Split('/'))
        {
            var key = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(key, out current)) return null;
        }
        return current;
    }
}
