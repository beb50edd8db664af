using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts.YourData;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Profiles.Curator;
using PersonaExplorer.Features.Profiles.Proposals;

namespace PersonaExplorer.Tests.Features.Accounts.YourData;

public class PersonalDataTests
{
    private const string A = "member-a", B = "member-b";

    /// <summary>A person with a profile (concept, versions, a pending proposal), a session (messages, a need) and events, one of them carrying only the profile id.</summary>
    private static async Task<(Guid Profile, Guid Session)> LiveALittleAsync(IServiceProvider person, string secret)
    {
        var profiles = person.GetRequiredService<ProfileStore>();
        var profile = await profiles.GetActiveAsync();
        await person.GetRequiredService<ConceptStore>().AddAsync(profile.Id, $"{secret} concept", "general", ConceptSource.Stated);
        await person.GetRequiredService<ProposalService>().AddAsync(profile.Id, null, null,
            [new CuratedConcept(ProposalKind.Add, null, $"{secret} proposal", "travel", 0.5, null, ConfidenceLevel.High, 0.8, null, true, false, null)],
            ProposalService.FromCurator);
        var sessions = person.GetRequiredService<SessionStore>();
        var session = await sessions.CreateAsync($"{secret} session", profile.Id);
        await sessions.AddUserMessageAsync(session.Id, $"{secret} message");
        await person.GetRequiredService<NeedStore>().AddAsync(session.Id, $"{secret} need");
        var events = person.GetRequiredService<EventLog>();
        await events.RecordAsync("profile.switch", null, profile.Id, new { secret });
        await events.RecordAsync("message.sent", session.Id, profile.Id, new { secret });
        return (profile.Id, session.Id);
    }

    [Fact]
    public async Task The_export_holds_every_row_of_the_person_and_nothing_of_anyone_else()
    {
        await using var host = await CareHost.StartAsync();
        var (aProfile, aSession) = await LiveALittleAsync(host.As(A), "alpha");
        await LiveALittleAsync(host.As(B), "bravo");
        var data = new PersonalData(host.Services.GetRequiredService<IDbContextFactory<PersonaDbContext>>(), TimeProvider.System);

        var export = await data.ExportAsync(A);
        using var json = new MemoryStream();
        await data.WriteJsonAsync(A, json);
        var text = System.Text.Encoding.UTF8.GetString(json.ToArray());

        await using var db = await host.Db();
        Assert.Equal([aProfile], export.Profiles.Select(p => p.Profile.Id));
        Assert.Equal(await db.Concepts.Where(c => c.ProfileId == aProfile).Select(c => c.Id).ToListAsync(), export.Profiles[0].Concepts.Select(c => c.Id));
        Assert.Equal(await db.ProfileVersions.CountAsync(v => v.ProfileId == aProfile), export.Profiles[0].Versions.Count);
        Assert.Equal(["alpha proposal"], export.Profiles[0].Proposals.Select(p => p.Text));
        Assert.Equal([aSession], export.Sessions.Select(s => s.Session.Id));
        Assert.Equal(["alpha message"], export.Sessions[0].Messages.Select(m => m.Content));
        Assert.Equal(["alpha need"], export.Sessions[0].Needs.Select(n => n.Statement));
        Assert.Equal((await db.Events.Where(e => e.OwnerId == A).Select(e => e.Id).ToListAsync()).Order(), export.Events.Select(e => e.Id).Order());
        Assert.Contains(export.Events, e => e.SessionId is null && e.ProfileId == aProfile);
        Assert.Equal(aProfile, export.ActiveProfileId);
        Assert.Contains("alpha message", text);
        Assert.DoesNotContain("bravo", text);
        using var parsed = JsonDocument.Parse(text); // one well-formed JSON document
        Assert.Equal(A, parsed.RootElement.GetProperty("ownerId").GetString());
    }

    [Fact]
    public async Task Deleting_all_of_a_persons_data_leaves_no_row_and_no_event_of_theirs_and_everyone_elses_intact()
    {
        await using var host = await CareHost.StartAsync();
        var (aProfile, aSession) = await LiveALittleAsync(host.As(A), "alpha");
        var (bProfile, bSession) = await LiveALittleAsync(host.As(B), "bravo");
        var data = new PersonalData(host.Services.GetRequiredService<IDbContextFactory<PersonaDbContext>>(), TimeProvider.System);
        string before;
        await using (var db = await host.Db()) before = await RowsOfAsync(db, bProfile, bSession);

        await data.DeleteAllAsync(A);

        await using var check = await host.Db();
        Assert.False(await check.Profiles.AnyAsync(p => p.OwnerId == A || p.Id == aProfile));
        Assert.False(await check.Concepts.AnyAsync(c => c.ProfileId == aProfile));
        Assert.False(await check.ProfileVersions.AnyAsync(v => v.ProfileId == aProfile));
        Assert.False(await check.ConceptProposals.AnyAsync(p => p.ProfileId == aProfile));
        Assert.False(await check.ActiveProfiles.AnyAsync(x => x.OwnerId == A));
        Assert.False(await check.Sessions.AnyAsync(s => s.OwnerId == A || s.Id == aSession));
        Assert.False(await check.Messages.AnyAsync(m => m.SessionId == aSession));
        Assert.False(await check.Needs.AnyAsync(n => n.SessionId == aSession));
        Assert.False(await check.Events.AnyAsync(e => e.OwnerId == A || e.ProfileId == aProfile || e.SessionId == aSession));
        Assert.False(await check.Events.AnyAsync(e => e.PayloadJson.Contains("alpha")));
        Assert.Equal(before, await RowsOfAsync(check, bProfile, bSession));
        Assert.Empty((await data.ExportAsync(A)).Profiles);
    }

    private static async Task<string> RowsOfAsync(PersonaDbContext db, Guid profile, Guid session) => string.Join("\n",
        (await db.Profiles.Where(p => p.Id == profile).Select(p => p.Name).ToListAsync())
        .Concat(await db.Concepts.Where(c => c.ProfileId == profile).Select(c => c.Text).ToListAsync())
        .Concat(await db.ConceptProposals.Where(c => c.ProfileId == profile).Select(c => c.Text).ToListAsync())
        .Concat(await db.Messages.Where(m => m.SessionId == session).Select(m => m.Content).ToListAsync())
        .Concat(await db.Needs.Where(n => n.SessionId == session).Select(n => n.Statement).ToListAsync())
        .Concat(await db.Events.Where(e => e.OwnerId == B).OrderBy(e => e.Id).Select(e => e.Type + e.PayloadJson).ToListAsync()));
}
