using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles.Versions;

namespace PersonaExplorer.Features.Profiles.Transfer;

public enum ImportMode { NewProfile, ReplaceConcepts }

/// <summary>The outcome of an import: the profile written to, or why nothing was written.</summary>
public sealed record ImportOutcome(Guid? ProfileId, string? ProfileName, int ConceptCount, IReadOnlyList<string> Errors)
{
    public bool Ok => Errors.Count == 0 && ProfileId is not null;
}

/// <summary>Writes a validated <see cref="ProfileDocument"/>: all of it in one transaction, or nothing.</summary>
public sealed class ProfileImporter(IDbContextFactory<PersonaDbContext> factory, ConceptStore store, TimeProvider clock, EventLog events)
{
    public const string Author = "import";

    /// <param name="target">For <see cref="ImportMode.ReplaceConcepts"/>: the profile whose concepts the file replaces.</param>
    public async Task<ImportOutcome> ImportAsync(string fileName, byte[] content, ImportMode mode, Guid? target = null, CancellationToken ct = default)
    {
        var parsed = ProfileTransfer.Parse(fileName, content);
        if (!parsed.Ok) return new(null, null, 0, parsed.Errors);
        var doc = parsed.Document!;
        if (mode == ImportMode.ReplaceConcepts && target is null) return new(null, null, 0, ["Choose the profile to import into."]);

        var file = ProfileHistory.Quote(Path.GetFileName(fileName ?? "file"));
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Guid id;
        string name;
        if (mode == ImportMode.NewProfile)
        {
            var profile = new Profile { Name = await ProfileStore.UniqueNameAsync(db, doc.Name, null, ct), CreatedUtc = now, UpdatedUtc = now };
            profile.Concepts.AddRange(Snapshots(doc).Select(s => s.ToConcept(profile.Id, now)));
            db.Profiles.Add(profile);
            await db.SaveChangesAsync(ct);
            (id, name) = (profile.Id, profile.Name);
            await ProfileHistory.RecordAsync(db, id, Author, $"import of {file}", now, ct);
        }
        else
        {
            var profile = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == target, ct);
            if (profile is null) return new(null, null, 0, ["That profile no longer exists."]);
            (id, name) = (profile.Id, profile.Name);
            await store.ReplaceConceptsAsync(db, id, Snapshots(doc), Author, $"import of {file} (replaced the concepts)", ct);
        }
        await tx.CommitAsync(ct);
        await events.RecordAsync(EventTypes.Profiles.Import, null, id, new { mode = mode.ToString(), concepts = doc.Concepts.Count }, ct);
        return new(id, name, doc.Concepts.Count, []);
    }

    private static List<ConceptSnapshot> Snapshots(ProfileDocument doc) =>
        doc.Concepts.Select((c, i) => new ConceptSnapshot(Guid.NewGuid(), c.Text, c.Category, c.Weight, c.Enabled, ConceptSource.Imported,
            c.Evidence, c.IsPrivate, null, i + 1)).ToList();
}
