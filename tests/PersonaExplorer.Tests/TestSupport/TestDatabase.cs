using Microsoft.EntityFrameworkCore;
using Npgsql;
using PersonaExplorer.Data;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>
/// The database every test runs on. tests/run.sh runs the suite twice: on SQLite (the default) and with
/// PE_TEST_DB_PROVIDER=PostgreSQL on a throwaway server (PE_TEST_PG = its admin connection string); each test then
/// gets a database of its own on that server. Missing settings fail the test: nothing is skipped.
/// (Linked into the browser tests as well.)
/// </summary>
public static class TestDatabase
{
    public const string ProviderVariable = "PE_TEST_DB_PROVIDER";
    public const string ServerVariable = "PE_TEST_PG";

    public static DataProvider Provider =>
        Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } name
            ? Enum.Parse<DataProvider>(name, ignoreCase: true)
            : DataProvider.Sqlite;

    public static bool IsPostgreSql => Provider == DataProvider.PostgreSQL;

    /// <summary>A new, empty database: a SQLite file in <paramref name="directory"/>, or a database of its own on the test server.</summary>
    public static string NewConnectionString(string directory, string file = "test.db", string sqliteExtra = "Pooling=False") =>
        IsPostgreSql ? CreatePostgreSqlDatabase() : $"Data Source={Path.Combine(directory, file)};{sqliteExtra}";

    /// <summary>The settings a web host needs for a new database (Data:Directory stays for files the app keeps beside it).</summary>
    public static Dictionary<string, string?> HostSettings(string directory)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Data:Directory"] = directory };
        if (IsPostgreSql)
        {
            settings["Data:Provider"] = nameof(DataProvider.PostgreSQL);
            settings["Data:ConnectionString"] = CreatePostgreSqlDatabase();
        }
        return settings;
    }

    public static IDbContextFactory<PersonaDbContext> NewFactory(string directory, string file = "test.db", string sqliteExtra = "Pooling=False") =>
        PersonaDatabase.CreateFactory(Provider, NewConnectionString(directory, file, sqliteExtra));

    /// <summary>The test server's admin connection string (PE_TEST_PG); a clear failure when it is not set.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set: PostgreSQL tests need a server (tests/run.sh starts one; e.g. {ServerVariable}=\"Host=127.0.0.1;Port=55432;Username=postgres\").");

    /// <summary>Creates an empty database on the test server and returns its connection string.</summary>
    public static string CreatePostgreSqlDatabase()
    {
        var name = "pe_test_" + Guid.NewGuid().ToString("N")[..16];
        var admin = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        // Small pools: hundreds of test databases share one server (max_connections).
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, MaxPoolSize = 10, ConnectionIdleLifetime = 10, ConnectionPruningInterval = 5 }.ConnectionString;
    }
}
