using System.Text.Json;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study;

public static class StudyEvents
{
    /// <summary>Adds a tagged study-flow event to <paramref name="db"/> (saved with the caller's changes).</summary>
    public static void Add(PersonaDbContext db, string type, StudyParticipant p, StudyTrial? trial, long timestampMs, object? payload = null)
    {
        var ev = new InteractionEvent
        {
            Type = type,
            OwnerId = ParticipantFlow.ParticipantOwner(p),
            SessionId = trial?.SessionId,
            TimestampMs = timestampMs,
            PayloadJson = payload is null ? "{}" : JsonSerializer.Serialize(payload),
        };
        db.Events.Add(ev);
        db.StudyEventTags.Add(new StudyEventTag
        {
            Event = ev, StudyId = p.StudyId, ParticipantId = p.Id,
            ConditionId = trial?.ConditionId, TaskId = trial?.TaskId, TrialIndex = trial?.Index,
        });
    }
}
