using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>After every answer (complete or not), the turn inspector shows the chat answer's exact prompt beside the panel agents' calls.</summary>
public sealed class RecordTraceAfterAnswer(TurnRecordStore records, CareState careState) : IAnswerCompletedHandler
{
    public async Task HandleAsync(AnswerCompleted done, CancellationToken ct)
    {
        if (done.Prompt.Count == 0) return;
        var answer = done.Answer;
        var trace = new AgentCallTrace(AgentNames.Responder, 1, Traced(done.Prompt),
            answer.Content, answer.Error, answer.DurationMs ?? 0, answer.InputTokens, answer.OutputTokens, answer.Model, answer.CreatedUtc);
        await records.SaveTracesAsync(done.SessionId, done.TurnId, [trace], ct);
        if (!done.Closing) careState.AddTraces(done.SessionId, done.TurnId, [trace]);
    }

    /// <summary>
    /// What the trace keeps of the prompt: the system messages and the newest message in full, and the earlier
    /// conversation as a reference — those messages are stored once, with the session. So each answer adds what is new
    /// in it, and a session's traces grow linearly with its length instead of with its square.
    /// </summary>
    public static List<TracedMessage> Traced(IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> prompt)
    {
        var system = prompt.TakeWhile(m => m.Role == Microsoft.Extensions.AI.ChatRole.System).ToList();
        var conversation = prompt.Skip(system.Count).ToList();
        var traced = system.Select(m => new TracedMessage(m.Role.Value, m.Text)).ToList();
        if (conversation.Count > 1)
            traced.Add(new TracedMessage(HistoryRole, $"[{conversation.Count - 1} earlier message{(conversation.Count == 2 ? "" : "s")} of this conversation, sent as shown in the chat]"));
        if (conversation.Count > 0) traced.Add(new TracedMessage(conversation[^1].Role.Value, conversation[^1].Text));
        return traced;
    }

    /// <summary>The role of the stand-in for earlier messages in a stored trace.</summary>
    public const string HistoryRole = "history";
}
