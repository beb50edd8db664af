using System.Text.Json;

namespace PersonaExplorer.Ai.Structured;

/// <summary>
/// OpenAI's strict-mode rules for a response schema, checked in-repo so a schema the provider would reject (400) or
/// silently loosen fails a test instead: the root is an object; every object lists all its properties in "required"
/// and sets "additionalProperties": false; only the supported keywords appear; at most 10 levels of nesting,
/// 5000 properties and 1000 enum values; references stay inside the schema.
/// </summary>
public static class StrictSchemaRules
{
    public const int MaxDepth = 10;
    public const int MaxProperties = 5000;
    public const int MaxEnumValues = 1000;

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "description", "title",
        "$defs", "definitions", "$ref", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minItems", "maxItems", "pattern", "format",
    };

    /// <summary>Every rule the schema breaks, each with the JSON path where; empty when it is valid for strict mode.</summary>
    public static IReadOnlyList<string> Violations(JsonElement schema)
    {
        var found = new List<string>();
        if (schema.ValueKind != JsonValueKind.Object || !IsObjectType(schema) || schema.TryGetProperty("anyOf", out _))
            found.Add("$: the root must be an object schema (not anyOf)");
        var properties = 0;
        Check(schema, "$", 0, found, ref properties);
        if (properties > MaxProperties) found.Add($"$: {properties} properties; at most {MaxProperties}");
        return found;
    }

    private static void Check(JsonElement schema, string path, int depth, List<string> found, ref int properties)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            found.Add($"{path}: a schema must be an object, not {schema.ValueKind}");
            return;
        }
        if (depth > MaxDepth) found.Add($"{path}: nested deeper than {MaxDepth} levels");

        foreach (var keyword in schema.EnumerateObject())
            if (!Supported.Contains(keyword.Name))
                found.Add($"{path}: keyword \"{keyword.Name}\" is not supported in strict mode");

        if (schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } pointer && !pointer.StartsWith('#'))
            found.Add($"{path}: $ref \"{pointer}\" points outside the schema");

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > MaxEnumValues)
            found.Add($"{path}: {values.GetArrayLength()} enum values; at most {MaxEnumValues}");

        if (IsObjectType(schema))
        {
            var declared = schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
                ? props.EnumerateObject().Select(p => p.Name).ToList()
                : [];
            properties += declared.Count;
            if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
                found.Add($"{path}: additionalProperties must be false");
            var required = schema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array
                ? req.EnumerateArray().Select(r => r.GetString()).ToHashSet()
                : [];
            foreach (var name in declared.Where(n => !required.Contains(n)))
                found.Add($"{path}.{name}: must be listed in required (use a null type for optional values)");
            foreach (var name in required.Where(n => n is not null && !declared.Contains(n)))
                found.Add($"{path}: required names \"{name}\", which is not a property");
            if (props.ValueKind == JsonValueKind.Object)
                foreach (var property in props.EnumerateObject())
                    Check(property.Value, $"{path}.{property.Name}", depth + 1, found, ref properties);
        }

        if (schema.TryGetProperty("items", out var items)) Check(items, $"{path}[]", depth + 1, found, ref properties);
        if (schema.TryGetProperty("anyOf", out var anyOf) && anyOf.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var option in anyOf.EnumerateArray()) Check(option, $"{path}.anyOf[{i++}]", depth + 1, found, ref properties);
        }
        foreach (var defsName in new[] { "$defs", "definitions" })
            if (schema.TryGetProperty(defsName, out var defs) && defs.ValueKind == JsonValueKind.Object)
                foreach (var def in defs.EnumerateObject())
                    Check(def.Value, $"{path}.{defsName}.{def.Name}", depth + 1, found, ref properties);
    }

    private static bool IsObjectType(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type)) return false;
        return type.ValueKind switch
        {
            JsonValueKind.String => type.GetString() == "object",
            JsonValueKind.Array => type.EnumerateArray().Any(t => t.GetString() == "object"),
            _ => false,
        };
    }
}
