using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>Persists what a turn leaves besides needs and cards: agent traces and clarifying questions.</summary>
public sealed class TurnRecordStore(IDbContextFactory<PersonaDbContext> factory)
{
    /// <summary>How many of the newest turns the turn inspector offers (older traces stay in the database, in the person's data export).</summary>
    public const int MaxListedTurns = 20;

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

    /// <summary>The session's newest turn that has calls, or null.</summary>
    public async Task<Guid?> LatestTurnAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AgentTraces.Where(t => t.SessionId == sessionId).OrderByDescending(t => t.CreatedUtc)
            .Select(t => (Guid?)t.TurnId).FirstOrDefaultAsync(ct);
    }

    /// <summary>The newest turns of a session (oldest first) with when each started and its number in the session: the inspector's list, without their calls.</summary>
    public async Task<List<TracedTurn>> ListTurnsAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var turns = db.AgentTraces.Where(t => t.SessionId == sessionId).GroupBy(t => t.TurnId).Select(g => new { g.Key, Started = g.Min(t => t.CreatedUtc) });
        var total = await turns.CountAsync(ct);
        var newest = await turns.OrderByDescending(x => x.Started).Take(MaxListedTurns).ToListAsync(ct);
        return newest.Select((x, i) => new TracedTurn(x.Key, x.Started, total - i)).Reverse().ToList();
    }

    /// <summary>Every call of one turn of a session, in the order they started: loaded when the inspector shows that turn.</summary>
    public async Task<List<AgentCallTrace>> ListCallsAsync(Guid sessionId, Guid turnId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.AgentTraces.AsNoTracking().Where(t => t.SessionId == sessionId && t.TurnId == turnId).ToListAsync(ct);
        return rows.OrderBy(t => t.CreatedUtc).Select(t => new AgentCallTrace(
            t.Agent, t.Attempt,
            JsonSerializer.Deserialize<List<TracedMessage>>(t.MessagesJson, AgentJson.Options) ?? [],
            t.ResultJson, t.Error, t.LatencyMs, t.InputTokens, t.OutputTokens, t.Model, t.CreatedUtc)).ToList();
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

/// <summary>A turn with recorded calls: when its first call started, and its number among the session's turns (1 = the first).</summary>
public sealed record TracedTurn(Guid TurnId, DateTime StartedUtc, int Number);
