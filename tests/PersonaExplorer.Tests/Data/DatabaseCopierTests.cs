using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Features.Study.Export;
using PersonaExplorer.Features.Study.Simulation;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Profiles.Proposals;

namespace PersonaExplorer.Tests.Data;

/// <summary>A lab starts on a laptop (SQLite) and moves to a server (PostgreSQL): every row arrives, the study export does not change.</summary>
public sealed class DatabaseCopierTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-copy-").FullName;
    private string SourceFile => Path.Combine(_dir, "personaexplorer.db");

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>The real app on a SQLite file with a row in every table: a simulated study, a researcher, keys, proposals.</summary>
    private async Task<Guid> FillSourceAsync()
    {
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Data:Provider", "Sqlite");
            b.UseSetting("Data:Directory", _dir);
            b.UseSetting("Ai:Provider", "Offline");
            b.UseSetting("Ai:OfflineTokenDelayMs", "0");
        });
        _ = app.Server;
        var services = app.Services.CreateScope().ServiceProvider; // as a circuit: the stores work for its person
        // The rows are one person's (their account is the first admin made below; the copy does not care whose they are).
        services.GetRequiredService<PersonaExplorer.Features.Accounts.Ownership.CurrentPerson>().ActAs("lab-researcher");
        var store = services.GetRequiredService<StudyStore>();
        var study = (await store.GetAsync((await store.CreateAsync("Moving labs")).Id))!;
        study.Tasks.Add(new StudyTask { StudyId = study.Id, Title = "Choose a laptop", Instructions = "Pick one." });
        study.Questions.Add(new StudyQuestion { StudyId = study.Id, Kind = QuestionKind.Likert, Scope = QuestionScope.End, Text = "I liked it.", Points = 7 });
        study.Questions.Add(new StudyQuestion { StudyId = study.Id, Kind = QuestionKind.FreeText, Scope = QuestionScope.End, Text = "Comments?" });
        Assert.Null(await store.SaveAsync(study));
        await services.GetRequiredService<SimulatedParticipantRunner>().RunAsync(study.Id, 2, SimulatedParticipantRunner.Presets[0].Profile);

        Assert.Null(await services.GetRequiredService<FirstAdmin>().CreateAsync("lab@example.org", "Researcher123"));
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("copy-test").Protect("a key ring in the database");
        var profiles = services.GetRequiredService<ProfileStore>();
        var profile = await profiles.GetActiveAsync();
        await services.GetRequiredService<ConceptStore>().AddAsync(profile.Id, "prefers vegetarian food", "food", ConceptSource.Stated);
        await services.GetRequiredService<ProposalService>().AddAsync(profile.Id, null, null,
            [new PersonaExplorer.Features.Profiles.Curator.CuratedConcept(ProposalKind.Add, null, "likes trains", "travel", 0.5, "I took the train", ConfidenceLevel.High, 0.8, null, true, false, null)],
            ProposalService.FromCurator);

        await using (var db = await services.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync())
        {
            // Written straight in: the answer is a simulated participant's, and the owned recorder only writes its own person's usage.
            var answer = await db.Messages.FirstAsync(m => m.Role == MessageRole.Assistant);
            db.ConceptUsages.Add(new ConceptUsage { MessageId = answer.Id, ProfileId = profile.Id, ConceptText = "prefers vegetarian food", NormalizedText = "prefers vegetarian food", Weight = 1 });
            db.StudyShares.Add(new StudyShare { StudyId = study.Id, ResearcherId = "another-researcher" });
            await db.SaveChangesAsync();
        }

        // Identity tables no flow of the app fills yet (roles, claims, logins, tokens): rows of their own.
        await using (var scope = services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<StudyIdentityDbContext>();
            var user = await accounts.Users.SingleAsync();
            var role = new IdentityRole("lead") { NormalizedName = "LEAD" };
            accounts.Roles.Add(role);
            accounts.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
            accounts.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = "can", ClaimValue = "export" });
            accounts.UserClaims.Add(new IdentityUserClaim<string> { UserId = user.Id, ClaimType = "lab", ClaimValue = "hci" });
            accounts.UserLogins.Add(new IdentityUserLogin<string> { UserId = user.Id, LoginProvider = "orcid", ProviderKey = "0000-0001", ProviderDisplayName = "ORCID" });
            accounts.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = "orcid", Name = "refresh", Value = "t" });
            await accounts.SaveChangesAsync();
        }
        return study.Id;
    }

    private static async Task<string> ExportAsync(IDbContextFactory<PersonaDbContext> factory, Guid studyId)
    {
        var exporter = new StudyExporter(factory);
        var lookups = (await exporter.LoadAsync(studyId, new ExportScope(IncludeSimulated: true, IncludePilot: true), default))!;
        var text = new StringBuilder();
        foreach (var write in new Func<Stream, Task>[]
                 {
                     s => StudyExportWriter.WriteParticipantsCsvAsync(s, StudyExporter.Participants(lookups), default),
                     s => StudyExportWriter.WriteAnswersCsvAsync(s, exporter.AnswersAsync(lookups, default), default),
                     s => StudyExportWriter.WriteEventsCsvAsync(s, exporter.EventsAsync(lookups, default), default),
                     s => StudyExportWriter.WriteJsonAsync(s, StudyExporter.Design(lookups.Study), StudyExporter.Participants(lookups),
                         exporter.AnswersAsync(lookups, default), exporter.EventsAsync(lookups, default), default),
                 })
        {
            using var stream = new MemoryStream();
            await write(stream);
            text.AppendLine(Encoding.UTF8.GetString(stream.ToArray()));
        }
        return text.ToString();
    }

    private static ServiceProvider Target(string connectionString)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(Options.Create(new DataOptions { Provider = DataProvider.PostgreSQL, ConnectionString = connectionString }));
        services.AddSingleton(PersonaDatabase.CreateFactory(DataProvider.PostgreSQL, connectionString));
        services.AddSingleton<IDatabaseSchema, PersonaSchema>();
        services.AddSingleton<IDatabaseSchema, StudyIdentitySchema>();
        services.AddScoped(_ => StudyIdentityDbContext.Create(DataProvider.PostgreSQL, StudyIdentityDbContext.Options(DataProvider.PostgreSQL, connectionString)));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DatabaseCopier>();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Copying_a_SQLite_database_with_every_kind_of_row_into_an_empty_PostgreSQL_one_keeps_every_row_and_the_export()
    {
        var studyId = await FillSourceAsync();
        var source = PersonaDatabase.CreateFactory(DataProvider.Sqlite, $"Data Source={SourceFile};Pooling=False");
        var before = await ExportAsync(source, studyId);
        var target = TestDatabase.CreatePostgreSqlDatabase();
        await using var services = Target(target);

        var report = await services.GetRequiredService<DatabaseCopier>().CopyFromSqliteAsync(SourceFile);

        Assert.True(report.CountsEqual, report.ToText());
        var empty = report.Tables.Where(t => t.Source == 0).Select(t => t.Table).ToList();
        Assert.True(empty.Count == 0, "tables without a row in the source (the test must fill every kind): " + string.Join(", ", empty));
        Assert.Equal(33, report.Tables.Count); // 24 app tables (active profiles, study shares and model spends included) + 7 Identity tables + account settings + the key ring: guards against a table left out
        Assert.Equal(before, await ExportAsync(services.GetRequiredService<IDbContextFactory<PersonaDbContext>>(), studyId));

        // The copy is a working database: new rows get fresh ids after the copied ones.
        var events = new EventLog(services.GetRequiredService<IDbContextFactory<PersonaDbContext>>(), TimeProvider.System);
        await events.RecordAsync("after.copy", null, null, new { });
        await using var db = await services.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync();
        Assert.Equal(await db.Events.MaxAsync(e => e.Id), (await db.Events.SingleAsync(e => e.Type == "after.copy")).Id);
    }

    [Fact]
    public async Task Copying_into_a_PostgreSQL_database_that_has_rows_is_refused_and_changes_nothing()
    {
        await FillSourceAsync();
        var target = TestDatabase.CreatePostgreSqlDatabase();
        await using var services = Target(target);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(default);
        await using (var db = await services.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync())
        {
            db.Profiles.Add(new Profile { Name = "Already here" });
            await db.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAsync<DatabaseCopyException>(() => services.GetRequiredService<DatabaseCopier>().CopyFromSqliteAsync(SourceFile));

        Assert.Contains("not empty", refused.Message);
        await using var check = await services.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync();
        Assert.Equal(["Already here"], await check.Profiles.Select(p => p.Name).ToListAsync());
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
