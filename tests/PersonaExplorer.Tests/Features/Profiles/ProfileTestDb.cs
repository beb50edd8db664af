using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Profiles.Transfer;
using PersonaExplorer.Features.Profiles.Versions;
using PersonaExplorer.Features.Profiles.Steering;

namespace PersonaExplorer.Tests.Features.Profiles;

/// <summary>A migrated SQLite database in a temp file (real migrations, real transactions), deleted on dispose.</summary>
public sealed class ProfileTestDb : IDbContextFactory<PersonaDbContext>, IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pe-profiles-{Guid.NewGuid():N}.db");
    private readonly IDbContextFactory<PersonaDbContext> _factory;

    private ProfileTestDb()
    {
        _factory = PersonaDatabase.CreateFactory(TestDatabase.Provider, TestDatabase.IsPostgreSql ? TestDatabase.CreatePostgreSqlDatabase() : $"Data Source={_path};Pooling=False");
        // The stores work for one person, as the app's scoped stores do (ProfilesBunit signs its circuit in as the same person).
        Owned = new OwnedDatabase(this, CurrentPerson.For(OwnerId));
        Store = new ProfileStore(Owned, TimeProvider.System);
        Concepts = new ConceptStore(Owned, TimeProvider.System);
        Steering = new SteeringConcepts(Owned);
        Versions = new ProfileVersions(Owned, Concepts);
        Events = new EventLog(this, TimeProvider.System);
        Importer = new ProfileImporter(Owned, Concepts, TimeProvider.System, Events);
    }

    /// <summary>The person whose profiles the stores work on.</summary>
    public const string OwnerId = "profile-test-person";
    public OwnedDatabase Owned { get; }

    public ProfileStore Store { get; }
    public ConceptStore Concepts { get; }
    public SteeringConcepts Steering { get; }
    public ProfileVersions Versions { get; }
    public EventLog Events { get; }
    public ProfileImporter Importer { get; }

    public static async Task<ProfileTestDb> CreateAsync()
    {
        var db = new ProfileTestDb();
        await using var ctx = db.CreateDbContext();
        await ctx.Database.MigrateAsync();
        return db;
    }

    public PersonaDbContext CreateDbContext() => _factory.CreateDbContext();

    /// <summary>A profile with the given concepts (added through the store, so versioned).</summary>
    public async Task<Profile> ProfileWithAsync(string name, params string[] concepts)
    {
        var profile = await Store.CreateAsync(name);
        foreach (var c in concepts) await Concepts.AddAsync(profile.Id, c, "general", ConceptSource.Stated);
        return (await Store.GetAsync(profile.Id))!;
    }

    /// <summary>Every row of the profile tables as text, to assert that a failed operation changed nothing.</summary>
    public async Task<string> DumpAsync()
    {
        await using var db = CreateDbContext();
        var profiles = await db.Profiles.AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.Id}|{p.Name}|{p.OwnerId}|{p.UpdatedUtc:O}").ToListAsync();
        profiles.AddRange(await db.ActiveProfiles.AsNoTracking().OrderBy(a => a.OwnerId).Select(a => $"active {a.OwnerId}|{a.ProfileId}").ToListAsync());
        var concepts = await db.Concepts.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => $"{c.Id}|{c.ProfileId}|{c.Text}|{c.Category}|{c.Weight}|{c.Enabled}|{c.Source}|{c.IsPrivate}|{c.SortOrder}").ToListAsync();
        var versions = await db.ProfileVersions.AsNoTracking().OrderBy(v => v.Id).Select(v => $"{v.Id}|{v.Number}|{v.Summary}").ToListAsync();
        return string.Join("\n", profiles.Concat(concepts).Concat(versions));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" })
            if (File.Exists(f)) File.Delete(f);
        return ValueTask.CompletedTask;
    }
}
