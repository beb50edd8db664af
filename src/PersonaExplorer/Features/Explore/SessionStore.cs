using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;

namespace PersonaExplorer.Features.Explore;

public sealed record SessionSummary(Guid Id, string Title, DateTime UpdatedUtc);

/// <summary>One page of the person's sessions, newest first, and how many they have in all.</summary>
public sealed record SessionPage(List<SessionSummary> Items, int Total);

/// <summary>Exploration sessions and their messages in the database. Each call uses its own short-lived context.</summary>
public sealed class SessionStore(IDbContextFactory<PersonaDbContext> factory, TimeProvider clock)
{
    public const int MaxTitleLength = 200;

    /// <summary>At most this many sessions are read at once (the session list asks only for the rows in view).</summary>
    public const int MaxPageSize = 200;

    /// <summary>The sessions from <paramref name="start"/> (0 = the most recently used), at most <paramref name="count"/> of them.</summary>
    public async Task<SessionPage> PageAsync(int start, int count, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var total = await db.Sessions.CountAsync(ct);
        var items = await db.Sessions.OrderByDescending(s => s.UpdatedUtc).ThenBy(s => s.Id)
            .Skip(Math.Max(0, start)).Take(Math.Clamp(count, 0, MaxPageSize))
            .Select(s => new SessionSummary(s.Id, s.Title, s.UpdatedUtc)).ToListAsync(ct);
        return new SessionPage(items, total);
    }

    /// <summary>The person's sessions (the cap on sessions per person counts them).</summary>
    public async Task<int> CountSessionsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Sessions.CountAsync(ct);
    }

    /// <summary>Every stored message of a session, hidden ones included: the cap on messages per session bounds its storage.</summary>
    public async Task<int> CountMessagesAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Messages.CountAsync(m => m.SessionId == sessionId, ct);
    }

    public async Task<ExplorationSession?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
    }

    public async Task<ExplorationSession> CreateAsync(string title, Guid? profileId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new ExplorationSession { Title = TitleFrom(title), ProfileId = profileId, CreatedUtc = now, UpdatedUtc = now };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <returns>null when renamed, otherwise why not.</returns>
    public async Task<string?> RenameAsync(Guid id, string title, CancellationToken ct = default)
    {
        title = title.Trim();
        if (title.Length == 0) return "A session needs a name.";
        if (title.Length > MaxTitleLength) return $"Names are at most {MaxTitleLength} characters.";
        await using var db = await factory.CreateDbContextAsync(ct);
        var n = await db.Sessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Title, title).SetProperty(s => s.UpdatedUtc, clock.GetUtcNow().UtcDateTime), ct);
        return n == 0 ? "That session no longer exists." : null;
    }

    /// <summary>Deletes a session with its messages, needs and cards, and the concepts scoped to it (as a profile version).</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var session = await db.Sessions.FindAsync([id], ct);
        if (session is null) return;
        await ConceptStore.ForgetSessionAsync(db, id, clock.GetUtcNow().UtcDateTime, ct);
        db.Sessions.Remove(session); // messages, needs and cards cascade
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The conversation as shown: superseded answers (replaced by a regenerate or retry) are kept in the database but hidden.</summary>
    public async Task<List<Message>> VisibleMessagesAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Messages.AsNoTracking()
            .Where(m => m.SessionId == sessionId && !m.IsSuperseded)
            .OrderBy(m => m.Sequence).ToListAsync(ct);
    }

    /// <summary>Stores the user's message before any model call, so a failing model never loses it.</summary>
    public async Task<Message> AddUserMessageAsync(Guid sessionId, string text, CancellationToken ct = default)
    {
        var message = new Message { SessionId = sessionId, Role = MessageRole.User, Content = text, Status = MessageStatus.Complete };
        await AddAsync(message, ct);
        return message;
    }

    /// <summary>Writes an answer once, in its final state (complete, partial, failed or cancelled) — never per token.</summary>
    /// <param name="replaces">An answer this one replaces (live steering): hidden in the same transaction, so a crash never leaves the conversation without its last answer.</param>
    public Task AddAnswerAsync(Message answer, Guid? replaces = null, CancellationToken ct = default) => AddAsync(answer, ct, replaces);

    public async Task SupersedeAsync(Guid messageId, bool superseded = true, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(u => u.SetProperty(m => m.IsSuperseded, superseded), ct);
    }

    private async Task AddAsync(Message message, CancellationToken ct, Guid? replaces = null)
    {
        // (SessionId, Sequence) is unique: a second tab that took the same number makes the save fail and us retry with
        // the next one. No transaction around the reads, so the connection goes back to the pool between round trips
        // (under load a turn never holds one while it waits for a thread); the message, the hidden old answer and the
        // session's time still change together, in the one transaction of SaveChanges.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            if (replaces is { } old && await db.Messages.FindAsync([old], ct) is { } replaced) replaced.IsSuperseded = true;
            var now = clock.GetUtcNow().UtcDateTime;
            if (message.Role == MessageRole.User) message.CreatedUtc = now;
            message.Sequence = (await db.Messages.Where(m => m.SessionId == message.SessionId).MaxAsync(m => (int?)m.Sequence, ct) ?? 0) + 1;
            var session = db.Sessions.Attach(new ExplorationSession { Id = message.SessionId }); // the owner check of the save covers it
            session.Entity.UpdatedUtc = now;
            session.Property(s => s.UpdatedUtc).IsModified = true;
            message.Session = null; // a failed round left it pointing at that round's stand-in
            db.Messages.Add(message);
            try
            {
                await db.SaveChangesAsync(ct);
                message.Session = null; // callers keep the message, not the stand-in session it was saved under
                return;
            }
            catch (DbUpdateException) when (attempt < 10) { } // each round at least one writer wins, so ten rounds cover ten tabs at once
        }
    }

    public static string TitleFrom(string text)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim();
        if (line.Length == 0) return "New exploration";
        return line.Length <= 60 ? line : line[..57].TrimEnd() + "…";
    }
}
