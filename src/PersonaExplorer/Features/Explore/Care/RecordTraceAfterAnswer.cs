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
        var trace = new AgentCallTrace(AgentNames.Responder, 1, done.Prompt.Select(m => new TracedMessage(m.Role.Value, m.Text)).ToList(),
            answer.Content, answer.Error, answer.DurationMs ?? 0, answer.InputTokens, answer.OutputTokens, answer.Model, answer.CreatedUtc);
        await records.SaveTracesAsync(done.SessionId, done.TurnId, [trace], ct);
        if (!done.Closing) careState.AddTraces(done.SessionId, done.TurnId, [trace]);
    }
}
