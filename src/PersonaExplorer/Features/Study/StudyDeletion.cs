using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study;

/// <summary>
/// Hard deletion of study data: a participant's events, questionnaire answers, trials and workspace sessions
/// (messages, needs, cards and session-scoped concepts), or a whole study. Each deletion is logged (without the deleted data).
/// </summary>
public sealed class StudyDeletion(IDbContextFactory<PersonaDbContext> factory, TimeProvider clock, StudyEventTagger tagger)
{
    /// <param name="keepWithdrawnMarker">Withdrawal keeps an empty participant row marked withdrawn, so the link cannot be reused.</param>
    public async Task DeleteParticipantAsync(Guid participantId, bool keepWithdrawnMarker, string actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var p = await db.StudyParticipants.FirstOrDefaultAsync(x => x.Id == participantId, ct);
        if (p is null) return;
        await DeleteDataAsync(db, [participantId], ct);
        if (keepWithdrawnMarker)
        {
            p.Status = ParticipantStatus.Withdrawn;
            p.Phase = ParticipantPhase.Done;
            p.WithdrawnUtc = clock.GetUtcNow().UtcDateTime;
            p.Sequence = null;
            p.ExternalId = null;
            p.ProfileId = null;
            p.CompletionCode = null;
        }
        else db.StudyParticipants.Remove(p);
        Log(db, keepWithdrawnMarker ? EventTypes.Study.Withdrawn : EventTypes.Study.ParticipantDeleted, new { studyId = p.StudyId, participant = p.Pseudonym, by = actor });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task DeleteStudyAsync(Guid studyId, string actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var study = await db.Studies.FirstOrDefaultAsync(s => s.Id == studyId, ct);
        if (study is null) return;
        var ids = await db.StudyParticipants.Where(p => p.StudyId == studyId).Select(p => p.Id).ToListAsync(ct);
        await DeleteDataAsync(db, ids, ct);
        // Study-level events (none today) and anything still tagged with the study.
        await db.Events.Where(e => db.StudyEventTags.Any(t => t.EventId == e.Id && t.StudyId == studyId)).ExecuteDeleteAsync(ct);
        await db.StudyEventTags.Where(t => t.StudyId == studyId).ExecuteDeleteAsync(ct);
        await db.StudyParticipants.Where(p => p.StudyId == studyId).ExecuteDeleteAsync(ct);
        db.Studies.Remove(study); // tasks, conditions and questions cascade
        Log(db, EventTypes.Study.StudyDeleted, new { studyId, participants = ids.Count, by = actor });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task DeleteDataAsync(PersonaDbContext db, List<Guid> participants, CancellationToken ct)
    {
        foreach (var chunk in participants.Chunk(500))
        {
            var sessions = await db.StudyTrials.Where(t => chunk.Contains(t.ParticipantId) && t.SessionId != null).Select(t => t.SessionId!.Value).ToListAsync(ct);
            var profiles = await db.StudyParticipants.Where(p => chunk.Contains(p.Id) && p.ProfileId != null).Select(p => p.ProfileId!.Value).ToListAsync(ct);
            await db.Events.Where(e => db.StudyEventTags.Any(t => t.EventId == e.Id && chunk.Contains(t.ParticipantId))).ExecuteDeleteAsync(ct);
            await db.StudyEventTags.Where(t => chunk.Contains(t.ParticipantId)).ExecuteDeleteAsync(ct);
            await db.Events.Where(e => e.SessionId != null && sessions.Contains(e.SessionId.Value)).ExecuteDeleteAsync(ct);
            // Profile edits are logged with the profile id only (no session): they hold the participant's concept texts.
            await db.Events.Where(e => e.ProfileId != null && profiles.Contains(e.ProfileId.Value)).ExecuteDeleteAsync(ct);
            var owners = chunk.Select(Accounts.Ownership.CurrentPerson.ParticipantOwner).ToList();
            await db.Events.Where(e => owners.Contains(e.OwnerId)).ExecuteDeleteAsync(ct);
            await db.Sessions.Where(s => owners.Contains(s.OwnerId)).ExecuteDeleteAsync(ct);
            await db.Concepts.Where(c => c.SessionId != null && sessions.Contains(c.SessionId.Value)).ExecuteDeleteAsync(ct);
            await db.Sessions.Where(s => sessions.Contains(s.Id)).ExecuteDeleteAsync(ct); // messages, needs and cards cascade in the database
            // The participant's own profile (concepts, versions, proposals cascade).
            await db.Profiles.Where(p => profiles.Contains(p.Id)).ExecuteDeleteAsync(ct);
            await db.QuestionnaireAnswers.Where(a => chunk.Contains(a.ParticipantId)).ExecuteDeleteAsync(ct);
            await db.StudyTrials.Where(t => chunk.Contains(t.ParticipantId)).ExecuteDeleteAsync(ct);
            foreach (var s in sessions) tagger.Forget(s);
        }
    }

    private void Log(PersonaDbContext db, string type, object payload) =>
        db.Events.Add(new InteractionEvent { Type = type, PayloadJson = JsonSerializer.Serialize(payload), TimestampMs = clock.GetUtcNow().ToUnixTimeMilliseconds() });
}
