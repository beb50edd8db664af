using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Ai.Agents;

/// <summary>
/// The streaming chat answer, steered by the enabled concepts, confirmed needs, picked options and pinned cards
/// (<see cref="ChatPrompt"/>). Optional for callers that stream themselves; this one also reports a trace of the call.
/// </summary>
public sealed class ResponderAgent(IChatClient chat)
{
    public static List<ChatMessage> BuildMessages(TurnContext context, IEnumerable<ChatMessage> history) => ChatPrompt.Build(context, history);

    /// <summary>Streams the answer; when the stream ends (not when cancelled), <paramref name="onCompleted"/> gets the call's trace.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(TurnContext context, IEnumerable<ChatMessage> history,
        Action<AgentCallTrace, long?>? onCompleted = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var messages = BuildMessages(context, history);
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        long? firstTokenMs = null;
        var text = new StringBuilder();
        UsageDetails? usage = null;
        string? model = null;
        await foreach (var update in chat.GetStreamingResponseAsync(messages, new ChatOptions(), ct))
        {
            if (firstTokenMs is null && !string.IsNullOrEmpty(update.Text)) firstTokenMs = clock.ElapsedMilliseconds;
            text.Append(update.Text);
            model ??= update.ModelId;
            foreach (var u in update.Contents.OfType<UsageContent>()) usage = u.Details;
            yield return update;
        }
        onCompleted?.Invoke(new AgentCallTrace(AgentNames.Responder, 1,
            messages.Select(m => new TracedMessage(m.Role.Value, m.Text)).ToList(),
            text.ToString(), null, clock.ElapsedMilliseconds, usage?.InputTokenCount, usage?.OutputTokenCount, model, started), firstTokenMs);
    }
}
