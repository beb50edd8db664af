using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;

namespace PersonaExplorer.Ai.Structured;

/// <summary>
/// The JSON schema of one structured result type, shaped for OpenAI's strict mode (every property required, nullable
/// where optional, no additional properties, defaults moved into descriptions), with an example value for prompts.
/// Computed once per type: the generic static holds immutable values only.
/// </summary>
public static class StructuredSchema<T>
{
    /// <summary>The schema name the request carries (the offline demo model's responders match on it).</summary>
    public static string Name { get; } = typeof(T).Name;

    public static string? Description { get; } = typeof(T).GetCustomAttribute<DescriptionAttribute>()?.Description;

    public static JsonElement Schema { get; } = AIJsonUtilities.CreateJsonSchema(typeof(T), serializerOptions: AgentJson.Options,
        inferenceOptions: new AIJsonSchemaCreateOptions
        {
            TransformOptions = new AIJsonSchemaTransformOptions
            {
                RequireAllProperties = true,
                DisallowAdditionalProperties = true,
                ConvertBooleanSchemas = true,
                MoveDefaultKeywordToDescription = true,
            },
        });

    /// <summary>One value of the schema's shape, shown to models that do not see the schema itself.</summary>
    public static string Example { get; } = SchemaExample.For(Schema);

    public static ChatResponseFormatJson Format { get; } = ChatResponseFormat.ForJsonSchema(Schema, Name, Description);
}
