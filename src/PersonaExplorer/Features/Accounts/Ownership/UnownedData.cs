using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Accounts.Ownership;

/// <summary>
/// Gives the rows of a database from before owners existed to their people: study participants' sessions, profiles and
/// events to the participant (they stay inside their study), everything else — profiles, sessions, events, studies and
/// the old global active profile — to the given owner (the first admin). Rows that have an owner are never touched, so
/// running it again changes nothing.
/// </summary>
public sealed class UnownedData(IDbContextFactory<PersonaDbContext> factory) : IUnownedData
{
    public async Task GiveToAsync(string ownerId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var participants = await db.StudyParticipants.AsNoTracking()
            .Select(p => new { p.Id, p.ProfileId, Sessions = p.Trials.Where(t => t.SessionId != null).Select(t => t.SessionId!.Value).ToList() })
            .ToListAsync(ct);
        foreach (var p in participants)
        {
            var owner = CurrentPerson.ParticipantOwner(p.Id);
            await db.Sessions.Where(s => s.OwnerId == "" && p.Sessions.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.OwnerId, owner), ct);
            await db.Profiles.Where(x => x.OwnerId == "" && x.Id == p.ProfileId).ExecuteUpdateAsync(u => u.SetProperty(x => x.OwnerId, owner), ct);
            await db.Events.Where(e => e.OwnerId == "" && (db.StudyEventTags.Any(t => t.EventId == e.Id && t.ParticipantId == p.Id)
                    || (e.SessionId != null && p.Sessions.Contains(e.SessionId.Value)) || (e.ProfileId != null && e.ProfileId == p.ProfileId)))
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.OwnerId, owner), ct);
        }

        // The old global active profile becomes the owner's, unless they already chose one.
        if (!await db.ActiveProfiles.AnyAsync(a => a.OwnerId == ownerId, ct)
            && await db.ActiveProfiles.Where(a => a.OwnerId == "").Select(a => (Guid?)a.ProfileId).FirstOrDefaultAsync(ct) is { } legacyActive
            && await db.Profiles.AnyAsync(x => x.Id == legacyActive && x.OwnerId == "", ct))
            db.ActiveProfiles.Add(new ActiveProfile { OwnerId = ownerId, ProfileId = legacyActive });
        await db.SaveChangesAsync(ct);
        await db.ActiveProfiles.Where(a => a.OwnerId == "").ExecuteDeleteAsync(ct);

        await db.Profiles.Where(x => x.OwnerId == "").ExecuteUpdateAsync(u => u.SetProperty(x => x.OwnerId, ownerId), ct);
        await db.Sessions.Where(s => s.OwnerId == "").ExecuteUpdateAsync(u => u.SetProperty(s => s.OwnerId, ownerId), ct);
        await db.Events.Where(e => e.OwnerId == "").ExecuteUpdateAsync(u => u.SetProperty(e => e.OwnerId, ownerId), ct);
        await db.Studies.Where(s => s.OwnerId == "").ExecuteUpdateAsync(u => u.SetProperty(s => s.OwnerId, ownerId), ct);
        await tx.CommitAsync(ct);
    }
}
