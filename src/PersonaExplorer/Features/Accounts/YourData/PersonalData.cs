using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Accounts.YourData;

/// <summary>Everything the app holds about one person, as the download serves it.</summary>
public sealed record PersonalDataExport(
    string OwnerId, DateTime ExportedUtc, Guid? ActiveProfileId,
    List<PersonalProfile> Profiles, List<PersonalSession> Sessions, List<InteractionEvent> Events, List<Guid> StudiesOwned);

public sealed record PersonalProfile(Profile Profile, List<Concept> Concepts, List<ProfileVersion> Versions, List<ConceptProposal> Proposals, List<ConceptUsage> Usage);

public sealed record PersonalSession(ExplorationSession Session, List<Message> Messages, List<Need> Needs, List<SolutionCard> Cards,
    List<SubTask> SubTasks, List<ClarifyingQuestion> Questions, List<AgentTrace> Traces);

/// <summary>
/// "Your data is yours": a person's export and hard deletion of everything the app holds about them. Works by owner id,
/// not by the current scope, so account deletion (accounts) and a participant's withdrawal call it the same way.
/// </summary>
public sealed class PersonalData(IDbContextFactory<PersonaDbContext> factory, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<PersonalDataExport> ExportAsync(string ownerId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Owner = ownerId; // the query filters serve this person's rows and nothing else
        var profiles = new List<PersonalProfile>();
        foreach (var p in await db.Profiles.AsNoTracking().OrderBy(p => p.CreatedUtc).ToListAsync(ct))
            profiles.Add(new PersonalProfile(p,
                await db.Concepts.AsNoTracking().Where(c => c.ProfileId == p.Id).OrderBy(c => c.SortOrder).ToListAsync(ct),
                await db.ProfileVersions.AsNoTracking().Where(v => v.ProfileId == p.Id).OrderBy(v => v.Number).ToListAsync(ct),
                await db.ConceptProposals.AsNoTracking().Where(x => x.ProfileId == p.Id).OrderBy(x => x.CreatedUtc).ToListAsync(ct),
                await db.ConceptUsages.AsNoTracking().Where(u => u.ProfileId == p.Id).OrderBy(u => u.Id).ToListAsync(ct)));
        var sessions = new List<PersonalSession>();
        foreach (var s in await db.Sessions.AsNoTracking().OrderBy(s => s.CreatedUtc).ToListAsync(ct))
            sessions.Add(new PersonalSession(s,
                await db.Messages.AsNoTracking().Where(m => m.SessionId == s.Id).OrderBy(m => m.Sequence).ToListAsync(ct),
                await db.Needs.AsNoTracking().Where(n => n.SessionId == s.Id).OrderBy(n => n.SortOrder).ToListAsync(ct),
                await db.SolutionCards.AsNoTracking().Where(c => c.SessionId == s.Id).OrderBy(c => c.Rank).ToListAsync(ct),
                await db.SubTasks.AsNoTracking().Where(t => t.SessionId == s.Id).ToListAsync(ct),
                await db.ClarifyingQuestions.AsNoTracking().Where(q => q.SessionId == s.Id).ToListAsync(ct),
                await db.AgentTraces.AsNoTracking().Where(t => t.SessionId == s.Id).ToListAsync(ct)));
        var events = await db.Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
        var active = await db.ActiveProfiles.Where(a => a.OwnerId == ownerId).Select(a => (Guid?)a.ProfileId).FirstOrDefaultAsync(ct);
        var studies = await db.Studies.Where(s => s.OwnerId == ownerId).Select(s => s.Id).ToListAsync(ct);
        return new PersonalDataExport(ownerId, clock.GetUtcNow().UtcDateTime, active, profiles, sessions, events, studies);
    }

    public async Task WriteJsonAsync(string ownerId, Stream output, CancellationToken ct = default) =>
        await JsonSerializer.SerializeAsync(output, await ExportAsync(ownerId, ct), Json, ct);

    /// <summary>
    /// Hard-deletes everything of this person: profiles (concepts, versions, proposals, usage), sessions (messages, needs,
    /// cards, sub-tasks, questions, traces), events — also those that carry only a profile or session id of theirs — their
    /// active-profile choice and the shares of studies with them. Studies they created stay (they hold participants' data;
    /// delete them from the study page first). On SQLite, secure_delete overwrites the freed pages.
    /// </summary>
    public async Task DeleteAllAsync(string ownerId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var profiles = await db.Profiles.Where(p => p.OwnerId == ownerId).Select(p => p.Id).ToListAsync(ct);
        var sessions = await db.Sessions.Where(s => s.OwnerId == ownerId).Select(s => s.Id).ToListAsync(ct);
        var events = db.Events.Where(e => e.OwnerId == ownerId
            || (e.ProfileId != null && profiles.Contains(e.ProfileId.Value)) || (e.SessionId != null && sessions.Contains(e.SessionId.Value)));
        await db.StudyEventTags.Where(t => events.Any(e => e.Id == t.EventId)).ExecuteDeleteAsync(ct);
        await events.ExecuteDeleteAsync(ct);
        await db.ActiveProfiles.Where(a => a.OwnerId == ownerId || profiles.Contains(a.ProfileId)).ExecuteDeleteAsync(ct);
        await db.Concepts.Where(c => c.SessionId != null && sessions.Contains(c.SessionId.Value)).ExecuteDeleteAsync(ct);
        await db.Sessions.Where(s => sessions.Contains(s.Id)).ExecuteDeleteAsync(ct); // messages, needs, cards, sub-tasks, questions, traces cascade
        await db.Profiles.Where(p => profiles.Contains(p.Id)).ExecuteDeleteAsync(ct); // concepts, versions, proposals, usage cascade
        await db.StudyShares.Where(x => x.ResearcherId == ownerId).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }
}
