using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Data;

/// <summary>Records user actions as <see cref="InteractionEvent"/>s (the raw log study mode analyses).</summary>
/// <param name="tagger">Optional: links events of study sessions to their study, participant, condition and task.</param>
public sealed class EventLog(IDbContextFactory<PersonaDbContext> factory, TimeProvider clock, IEventTagger? tagger = null)
{
    public Task RecordAsync(string type, Guid? sessionId, Guid? profileId, object? payload = null, CancellationToken ct = default) =>
        RecordAsync(null, type, sessionId, profileId, payload, ct);

    /// <summary>An event about something already deleted: the caller names its owner, as the row it would come from is gone.</summary>
    public Task RecordForAsync(string owner, string type, Guid? sessionId, Guid? profileId, object? payload = null, CancellationToken ct = default) =>
        RecordAsync(owner, type, sessionId, profileId, payload, ct);

    private async Task RecordAsync(string? owner, string type, Guid? sessionId, Guid? profileId, object? payload, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var ev = new InteractionEvent
        {
            Type = type,
            SessionId = sessionId,
            ProfileId = profileId,
            PayloadJson = payload is null ? "{}" : JsonSerializer.Serialize(payload),
            TimestampMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        // An event belongs to whoever owns what it is about, whichever scope or background task writes it.
        ev.OwnerId = owner ?? (sessionId is { } s ? await db.Sessions.Where(x => x.Id == s).Select(x => x.OwnerId).FirstOrDefaultAsync(ct) : null)
            ?? (profileId is { } p ? await db.Profiles.Where(x => x.Id == p).Select(x => x.OwnerId).FirstOrDefaultAsync(ct) : null)
            ?? db.Owner ?? "";
        db.Events.Add(ev);
        if (tagger is not null && sessionId is { } id && await tagger.TagForSessionAsync(id, ct) is { } tag)
        {
            tag.Event = ev;
            db.StudyEventTags.Add(tag);
        }
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Gives the study context of an exploration session (null when the session is not part of a study).</summary>
public interface IEventTagger
{
    /// <returns>A new, unsaved tag (the caller sets its event).</returns>
    ValueTask<StudyEventTag?> TagForSessionAsync(Guid sessionId, CancellationToken ct);
}
