using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>What the panel agents see of a session: its newest messages, needs, sub-tasks and discarded cards, with the turn's steering.</summary>
public sealed class AgentInputReader(IDbContextFactory<PersonaDbContext> factory, IOptions<AgentOptions> options)
{
    /// <summary>The session's latest user message (the turn "Update solutions" belongs to); <see cref="Guid.Empty"/> when there is none.</summary>
    public async Task<Guid> LatestTurnAsync(Guid sessionId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Messages.Where(m => m.SessionId == sessionId && m.Role == MessageRole.User)
            .OrderByDescending(m => m.Sequence).Select(m => m.Id).FirstOrDefaultAsync(ct);
    }

    /// <param name="userMessageId">The turn's message: later messages are left out; null reads up to the newest.</param>
    public async Task<AgentInput> ReadAsync(Guid sessionId, Guid? userMessageId, TurnContext context, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var window = options.Value.ConversationWindow;
        var upTo = userMessageId is { } id
            ? await db.Messages.Where(m => m.Id == id).Select(m => (int?)m.Sequence).FirstOrDefaultAsync(ct)
            : null;
        // Only the newest messages are read: a 500-message session costs the agents no more than a short one.
        var recent = await db.Messages.AsNoTracking()
            .Where(m => m.SessionId == sessionId && !m.IsSuperseded && (upTo == null || m.Sequence <= upTo)
                && (m.Role == MessageRole.User || m.Status == MessageStatus.Complete || m.Status == MessageStatus.Partial))
            .OrderByDescending(m => m.Sequence).Take(window)
            .Select(m => new { m.Role, m.Content }).ToListAsync(ct);
        var needRows = await db.Needs.AsNoTracking().Where(n => n.SessionId == sessionId).OrderBy(n => n.SortOrder).ToListAsync(ct);
        var subTasks = await db.SubTasks.AsNoTracking().Where(t => t.SessionId == sessionId).OrderBy(t => t.SortOrder).ToListAsync(ct);
        var discarded = await db.SolutionCards.Where(c => c.SessionId == sessionId && c.Discarded).Select(c => c.Title).ToListAsync(ct);
        return new AgentInput
        {
            Conversation = Limits.HistoryWindow.Select(recent.AsEnumerable().Reverse()
                .Select(m => new ChatMessage(m.Role == MessageRole.User ? ChatRole.User : ChatRole.Assistant, m.Content)).ToList(),
                options.Value.ConversationTokens, Limits.TokenCounter.Shared).Messages,
            Context = context,
            Needs = needRows.Select(n => new KnownNeed(n.Statement, n.Kind, n.Status, n.Priority)).ToList(),
            SubTasks = subTasks.Select(t => new KnownSubTask(t.Title, t.Options, t.SelectedOptions)).ToList(),
            DiscardedCards = discarded,
        };
    }
}
