using System.Text.Json;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study;

/// <summary>Event types of the study flow (workspace events keep their own types, e.g. message.send).</summary>
public static class StudyEventTypes
{
    public const string Consent = "study.consent";
    public const string InstructionsShown = "study.instructions";
    public const string TaskStart = "study.task_start";
    public const string TaskEnd = "study.task_end";
    public const string TaskTimeUp = "study.task_time_up";
    public const string Questionnaire = "study.questionnaire";
    public const string Complete = "study.complete";
    /// <summary>The workspace page was opened: the first time and again after every reload or reconnect.</summary>
    public const string WorkspaceOpened = "study.workspace_opened";
    // Researcher actions (untagged: they outlive the data they describe).
    public const string ParticipantDeleted = "study.participant_deleted";
    public const string StudyDeleted = "study.deleted";
    public const string Withdrawn = "study.withdrawn";
}

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
