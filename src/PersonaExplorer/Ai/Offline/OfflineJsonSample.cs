using System.Text.Json;
using PersonaExplorer.Ai.Structured;

namespace PersonaExplorer.Ai.Offline;

/// <summary>The smallest value valid for a JSON schema, used by the offline demo model when no <see cref="IOfflineStructuredResponder"/> knows the schema.</summary>
internal static class OfflineJsonSample
{
    public static string For(JsonElement schema) => SchemaExample.Minimal(schema);
}
