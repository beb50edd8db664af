using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>Persists what a turn leaves besides needs and cards: agent traces and clarifying questions.</summary>
public sealed class TurnRecordStore(IDbContextFactory<PersonaDbContext> factory)
{
    /// <summary>How many of the newest turns' traces a circuit holds for the inspector (a long session's older traces stay in the database only).</summary>
    public const int MaxLoadedTurns = 5;

    public async Task SaveTracesAsync(Guid sessionId, Guid turnId, IEnumerable<AgentCallTrace> calls, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AgentTraces.AddRange(calls.Select(c => new AgentTrace
        {
            SessionId = sessionId,
            TurnId = turnId,
            Agent = c.Agent,
            Attempt = c.Attempt,
            MessagesJson = JsonSerializer.Serialize(c.Messages, AgentJson.Options),
            ResultJson = c.ResultJson,
            Error = c.Error,
            LatencyMs = c.LatencyMs,
            InputTokens = c.InputTokens,
            OutputTokens = c.OutputTokens,
            Model = c.Model,
            CreatedUtc = c.StartedUtc,
        }));
        await db.SaveChangesAsync(ct);
    }

    public async Task<List<TurnTrace>> ListTracesAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var turns = await db.AgentTraces.Where(t => t.SessionId == sessionId)
            .GroupBy(t => t.TurnId).Select(g => new { g.Key, Last = g.Max(t => t.CreatedUtc) })
            .OrderByDescending(x => x.Last).Take(MaxLoadedTurns).Select(x => x.Key).ToListAsync(ct);
        var rows = await db.AgentTraces.AsNoTracking().Where(t => t.SessionId == sessionId && turns.Contains(t.TurnId)).ToListAsync(ct);
        return rows.OrderBy(t => t.CreatedUtc).Select(t => new TurnTrace(t.TurnId, new AgentCallTrace(
            t.Agent, t.Attempt,
            JsonSerializer.Deserialize<List<TracedMessage>>(t.MessagesJson, AgentJson.Options) ?? [],
            t.ResultJson, t.Error, t.LatencyMs, t.InputTokens, t.OutputTokens, t.Model, t.CreatedUtc))).ToList();
    }

    public async Task<List<ClarifyingQuestion>> SaveQuestionsAsync(Guid sessionId, Guid messageId, InquiryResult result, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var questions = result.Questions.Select((q, i) => new ClarifyingQuestion
        {
            SessionId = sessionId, MessageId = messageId, Question = q.Question, QuickReplies = q.QuickReplies, SortOrder = i,
        }).ToList();
        db.ClarifyingQuestions.AddRange(questions);
        await db.SaveChangesAsync(ct);
        return questions;
    }

    /// <summary>The questions about the newest user message that has any.</summary>
    public async Task<List<ClarifyingQuestion>> LatestQuestionsAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var latest = await db.ClarifyingQuestions.Where(q => q.SessionId == sessionId).OrderByDescending(q => q.CreatedUtc)
            .Select(q => (Guid?)q.MessageId).FirstOrDefaultAsync(ct);
        return latest is null ? [] : await db.ClarifyingQuestions.AsNoTracking()
            .Where(q => q.SessionId == sessionId && q.MessageId == latest).OrderBy(q => q.SortOrder).ToListAsync(ct);
    }

    public async Task<ClarifyingQuestion?> AnswerAsync(Guid questionId, string reply, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var question = await db.ClarifyingQuestions.FirstOrDefaultAsync(q => q.Id == questionId, ct);
        if (question is null) return null;
        question.Answer = reply;
        await db.SaveChangesAsync(ct);
        return question;
    }
}

/// <summary>One agent call and the turn it belongs to.</summary>
public sealed record TurnTrace(Guid TurnId, AgentCallTrace Call);
