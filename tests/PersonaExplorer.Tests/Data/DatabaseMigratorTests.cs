using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Data;

/// <summary>Migrations run once by the `migrate` command; an instance that does not migrate refuses an outdated schema.</summary>
public sealed class DatabaseMigratorTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-migrate-").FullName;
    private Dictionary<string, string?> _settings = default!;

    public Task InitializeAsync()
    {
        _settings = TestDatabase.HostSettings(_dir);
        return Task.CompletedTask;
    }

    private (DataProvider Provider, string ConnectionString) Database =>
        TestDatabase.IsPostgreSql
            ? (DataProvider.PostgreSQL, _settings["Data:ConnectionString"]!)
            : (DataProvider.Sqlite, $"Data Source={Path.Combine(_dir, "personaexplorer.db")};Pooling=False");

    private PersonaDbContext App() => PersonaDatabase.CreateFactory(Database.Provider, Database.ConnectionString).CreateDbContext();

    private StudyIdentityDbContext Accounts() =>
        StudyIdentityDbContext.Create(Database.Provider, StudyIdentityDbContext.Options(Database.Provider, Database.ConnectionString));

    /// <summary>Brings the app's schema to all but its last migration (researcher accounts current), as after deploying a new version.</summary>
    private async Task<string> OneMigrationBehindAsync()
    {
        await using (var accounts = Accounts()) await accounts.Database.MigrateAsync();
        await using var db = App();
        var all = db.Database.GetMigrations().ToList();
        var target = all.Count > 1 ? all[^2] : Migration.InitialDatabase;
        await db.GetService<IMigrator>().MigrateAsync(target);
        Assert.Equal([all[^1]], await db.Database.GetPendingMigrationsAsync());
        // Npgsql resets a pooled connection lazily (on its next use), so a set-up connection could keep holding the
        // migration lock on the history table while the command under test waits for it: close them for real.
        Npgsql.NpgsqlConnection.ClearAllPools();
        return all[^1];
    }

    private async Task AssertCurrentAsync()
    {
        await using (var db = App()) Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        await using (var accounts = Accounts()) Assert.Empty(await accounts.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task The_migrate_command_creates_every_table_in_an_empty_database_and_exits_0()
    {
        var (exit, output) = await AppCommand.RunAsync(_settings, TimeSpan.FromMinutes(6), "migrate");

        Assert.True(exit == 0, output);
        await AssertCurrentAsync();
        await using var db = App();
        Assert.Equal(0, await db.Profiles.CountAsync()); // migrate only migrates: the first profile is seeded by an instance
    }

    [Fact]
    public async Task The_migrate_command_applies_the_one_missing_migration_of_an_older_database()
    {
        var missing = await OneMigrationBehindAsync();

        var (exit, output) = await AppCommand.RunAsync(_settings, TimeSpan.FromMinutes(6), "migrate");

        Assert.True(exit == 0, output);
        Assert.Contains(missing, output);
        await AssertCurrentAsync();
    }

    [Fact]
    public async Task An_instance_with_MigrateOnStart_false_refuses_an_outdated_schema_with_a_clear_message()
    {
        var missing = await OneMigrationBehindAsync();
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in _settings) b.UseSetting(key, value);
            b.UseSetting("Data:MigrateOnStart", "false");
            b.UseSetting("Ai:Provider", "Offline");
        });

        var refused = Assert.ThrowsAny<Exception>(() => app.Server);

        var message = (refused as InvalidOperationException ?? refused.InnerException)?.Message ?? refused.ToString();
        Assert.Contains("The database schema is out of date", message);
        Assert.Contains(missing, message);
        Assert.Contains("Data:MigrateOnStart is false", message);
        Assert.Contains("migrate", message);
        await using var db = App();
        Assert.Equal([missing], await db.Database.GetPendingMigrationsAsync()); // nothing was migrated behind the deployment's back
    }

    [Fact]
    public async Task An_instance_with_MigrateOnStart_false_starts_on_a_current_schema_and_reports_ready()
    {
        var (exit, output) = await AppCommand.RunAsync(_settings, TimeSpan.FromMinutes(6), "migrate");
        Assert.True(exit == 0, output);
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in _settings) b.UseSetting(key, value);
            b.UseSetting("Data:MigrateOnStart", "false");
            b.UseSetting("Ai:Provider", "Offline");
        });
        var client = app.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz/ready"));
    }

    [Fact]
    public async Task A_stale_SQLite_migration_lock_left_by_a_killed_start_is_removed_after_the_timeout_instead_of_hanging()
    {
        // SQLite-specific by nature (PostgreSQL's migration lock dies with its connection), so it runs on SQLite in both runs.
        var file = Path.Combine(_dir, "locked.db");
        var connection = $"Data Source={file};Pooling=False";
        var factory = PersonaDatabase.CreateFactory(DataProvider.Sqlite, connection);
        await using (var db = factory.CreateDbContext())
        {
            var all = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(all[^2]);
            // What a start killed between taking and releasing the lock leaves behind.
            await db.Database.ExecuteSqlRawAsync($"CREATE TABLE IF NOT EXISTS \"{SqliteMigrationLock.Table}\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK_{SqliteMigrationLock.Table}\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL);");
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO \"{SqliteMigrationLock.Table}\" VALUES (1, '2026-01-01 00:00:00');");
        }
        var migrator = new DatabaseMigrator([new PersonaSchema(factory)],
            Options.Create(new DataOptions { ConnectionString = connection, MigrationLockTimeoutSeconds = 1 }), NullLogger<DatabaseMigrator>.Instance);

        await migrator.MigrateAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        await using (var db = factory.CreateDbContext()) Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        await using var check = new SqliteConnection(connection);
        await check.OpenAsync();
        Assert.False(await SqliteMigrationLock.IsHeldAsync(check, default));
    }

    [Fact]
    public async Task A_SQLite_migration_lock_younger_than_the_timeout_is_waited_for_not_broken()
    {
        var file = Path.Combine(_dir, "busy.db");
        var connection = $"Data Source={file};Pooling=False";
        await using (var db = new SqliteConnection(connection))
        {
            await db.OpenAsync();
            await using var create = db.CreateCommand();
            create.CommandText = $"CREATE TABLE \"{SqliteMigrationLock.Table}\" (\"Id\" INTEGER PRIMARY KEY, \"Timestamp\" TEXT NOT NULL); INSERT INTO \"{SqliteMigrationLock.Table}\" VALUES (1, 'now');";
            await create.ExecuteNonQueryAsync();
        }

        var waiting = SqliteMigrationLock.ClearStaleAsync(connection, TimeSpan.FromSeconds(30), NullLogger.Instance, default);
        await Task.Delay(700);
        Assert.False(waiting.IsCompleted); // another start may be migrating right now
        await using (var db = new SqliteConnection(connection))
        {
            await db.OpenAsync();
            await using var release = db.CreateCommand();
            release.CommandText = $"DELETE FROM \"{SqliteMigrationLock.Table}\";";
            await release.ExecuteNonQueryAsync();
        }
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
