using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Data;

/// <summary>Records user actions as <see cref="InteractionEvent"/>s (the raw log study mode analyses).</summary>
public sealed class EventLog(IDbContextFactory<PersonaDbContext> factory, TimeProvider clock)
{
    public async Task RecordAsync(string type, Guid? sessionId, Guid? profileId, object? payload = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Events.Add(new InteractionEvent
        {
            Type = type,
            SessionId = sessionId,
            ProfileId = profileId,
            PayloadJson = payload is null ? "{}" : JsonSerializer.Serialize(payload),
            TimestampMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(ct);
    }
}
