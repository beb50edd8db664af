using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Ai.Offline;

/// <summary>
/// Lets the offline demo model answer one structured-output request (an agent's JSON schema) deterministically.
/// Each agent registers one; the demo model asks each in turn and falls back to a minimal schema-valid value.
/// </summary>
public interface IOfflineStructuredResponder
{
    /// <summary>True when this responder knows the requested schema (match on <see cref="ChatResponseFormatJson.SchemaName"/>).</summary>
    bool CanAnswer(ChatResponseFormatJson format);

    /// <summary>
    /// The JSON answer, computed from what the model was sent (system prompt + conversation) and what the demo model
    /// understood of it (task family and concepts, read by meaning).
    /// </summary>
    JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format, OfflineReading reading);
}
