using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study;

/// <summary>
/// Tags workspace events of study sessions with study, participant, condition, task and trial (the EventLog hook).
/// Sessions are looked up once and cached; non-study sessions are cached as "no tag".
/// </summary>
public sealed class StudyEventTagger(IDbContextFactory<PersonaDbContext> factory) : IEventTagger
{
    private const int MaxCached = 20_000;
    private readonly ConcurrentDictionary<Guid, StudyEventTag?> _cache = new();

    public async ValueTask<StudyEventTag?> TagForSessionAsync(Guid sessionId, CancellationToken ct)
    {
        if (!_cache.TryGetValue(sessionId, out var template))
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            template = await (from t in db.StudyTrials
                              where t.SessionId == sessionId
                              join p in db.StudyParticipants on t.ParticipantId equals p.Id
                              select new StudyEventTag { StudyId = p.StudyId, ParticipantId = p.Id, ConditionId = t.ConditionId, TaskId = t.TaskId, TrialIndex = t.Index })
                .FirstOrDefaultAsync(ct);
            if (_cache.Count > MaxCached) _cache.Clear();
            _cache[sessionId] = template;
        }
        return template is null ? null : new StudyEventTag
        {
            StudyId = template.StudyId, ParticipantId = template.ParticipantId, ConditionId = template.ConditionId,
            TaskId = template.TaskId, TrialIndex = template.TrialIndex,
        };
    }

    /// <summary>Called when a trial's session is created, or a participant's data is deleted.</summary>
    public void Forget(Guid sessionId) => _cache.TryRemove(sessionId, out _);
}
