using System.Diagnostics;
using System.Runtime.InteropServices;
using Npgsql;
using PersonaExplorer.Data;
using PersonaExplorer.ScaleBenchmarks;

// Scale benchmark: N concurrent simulated sessions through the app's own services (ExploreState + CARE panels on the
// offline demo model, no browser) against each database provider. Prints turns/s, time to first token (p50/p95) and
// database CPU, and writes them with the command line to RESULTS.md.
//   dotnet run -c Release --project tests/PersonaExplorer.ScaleBenchmarks -- [--postgres "Host=…;Username=postgres"]
//       [--sessions 10,100,500] [--turns 3] [--token-delay-ms 2] [--providers Sqlite,PostgreSQL] [--results PATH]
// Without --postgres, PE_TEST_PG (the server tests/run.sh starts) is used; with neither, PostgreSQL is reported as not run.
var options = BenchOptions.Parse(args);
#if DEBUG
const string configuration = "";
#else
const string configuration = " -c Release";
#endif
var commandLine = $"dotnet run{configuration} --project tests/PersonaExplorer.ScaleBenchmarks --" + string.Concat(args.Select(a => a.Contains(' ') || a.Contains(';') ? $" \"{a}\"" : " " + a));
var header = $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}; " +
             $"{options.Turns} turns per session, offline demo model with {options.TokenDelayMs} ms between tokens, CARE panels on";
Console.WriteLine("PersonaExplorer scale benchmark — " + header);
// The figures depend on what else runs on the machine: say so next to them.
var loadAtStart = LoadAverage();

var rows = new List<string>();
var failureRows = new List<string>();
var failures = 0;
foreach (var provider in options.Providers)
{
    if (provider == DataProvider.PostgreSQL && options.PostgresServer is null)
    {
        rows.Add("| PostgreSQL | – | not run: no server (pass --postgres or set PE_TEST_PG) | | | | | |");
        Console.WriteLine("PostgreSQL: not run (no server given)");
        continue;
    }
    // Warm-up (JIT, EF model, MiniLM) is not measured.
    await using (var warm = await ScaleRun.CreateAsync(provider, options)) await warm.RunAsync(2, 1);
    foreach (var n in options.Sessions)
    {
        await using var run = await ScaleRun.CreateAsync(provider, options);
        var result = await run.RunAsync(n, options.Turns);
        failures += result.Failed;
        var row = $"| {provider} | {n} | {result.Turns} | {result.TurnsPerSecond:0.0} | {result.FirstTokenP50:0} | {result.FirstTokenP95:0} | {result.DatabaseCpu} | {result.Failed} |";
        rows.Add(row);
        Console.WriteLine(row);
        failureRows.AddRange(result.FailureReasons.OrderByDescending(r => r.Value).Select(r => $"| {provider} | {n} | {r.Value} | {r.Key.ReplaceLineEndings(" ").Replace("|", "/")} |"));
    }
}

var table = string.Join("\n", new[]
{
    "| provider | sessions (N) | turns | turns/s | first token p50 (ms) | first token p95 (ms) | database CPU | failed turns |",
    "|---|---:|---:|---:|---:|---:|---|---:|",
}.Concat(rows));
var markdown = $"""
    # Scale benchmark results

    Command: `{commandLine}`

    Machine: {header}. Run at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average (1/5/15 min) {loadAtStart} at the start,
    {LoadAverage()} at the end — on a busy machine the times measure the machine, not the app.

    Each of N sessions is a circuit's own `ExploreState` (the app's scoped services) sending {options.Turns} messages one
    after another; all N run at once. A turn is the chat answer plus the CARE panel agents beside it (all on the offline
    demo model, which writes the same rows a real model's turn writes). Time to first token: from `SendAsync` to the
    first streamed text. Database CPU: PostgreSQL server processes (postmaster and backends, from /proc) in CPU-seconds
    and as a share of the run's wall time × cores; SQLite runs inside the app process, so its figure is the whole
    process (app + database).

    {table}

    Pool: `Max Pool Size={options.MaxPoolSize};Timeout={options.PoolTimeoutSeconds}` per instance (README "Running on PostgreSQL"); the
    server's max_connections: {options.ServerMaxConnections()}.

    Failed turns by reason: {(failureRows.Count == 0 ? "none." : "\n\n| provider | N | turns | reason |\n|---|---:|---:|---|\n" + string.Join("\n", failureRows))}
    """;
Console.WriteLine();
Console.WriteLine(table);
var resultsPath = options.ResultsPath ?? Path.Combine(FindRepositoryRoot(), "tests", "PersonaExplorer.ScaleBenchmarks", "RESULTS.md");
await File.WriteAllTextAsync(resultsPath, markdown + "\n");
Console.WriteLine($"written to {resultsPath}");
if (failures > 0) Console.WriteLine($"{failures} turn(s) failed");
return failures == 0 ? 0 : 1;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "PersonaExplorer.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}

namespace PersonaExplorer.ScaleBenchmarks
{
    internal sealed record BenchOptions(string? PostgresServer, int[] Sessions, int Turns, int TokenDelayMs, string? ResultsPath, DataProvider[] Providers,
        int MaxPoolSize, int PoolTimeoutSeconds)
    {
        public static BenchOptions Parse(string[] args)
        {
            string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            var server = Value("--postgres") ?? Environment.GetEnvironmentVariable("PE_TEST_PG");
            return new BenchOptions(
                string.IsNullOrWhiteSpace(server) ? null : server,
                (Value("--sessions") ?? "10,100,500").Split(',').Select(int.Parse).ToArray(),
                int.Parse(Value("--turns") ?? "3"),
                int.Parse(Value("--token-delay-ms") ?? "2"),
                Value("--results"),
                (Value("--providers") ?? "Sqlite,PostgreSQL").Split(',').Select(p => Enum.Parse<DataProvider>(p, ignoreCase: true)).ToArray(),
                // The README's recommendation for one instance; --pool/--pool-timeout to compare others.
                int.Parse(Value("--pool") ?? "50"),
                int.Parse(Value("--pool-timeout") ?? "30"));
        }

        /// <summary>Drops a run's database and ends its connections, so the server's slots are free for the next run.</summary>
        public static async Task DropPostgresDatabaseAsync(string connectionString)
        {
            var run = new NpgsqlConnectionStringBuilder(connectionString);
            var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {run.Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        /// <summary>A fresh database on the server for one run.</summary>
        public string NewPostgresDatabase()
        {
            var name = "pe_scale_" + Guid.NewGuid().ToString("N")[..12];
            var admin = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false };
            using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                connection.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                create.ExecuteNonQuery();
            }
            return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, MaxPoolSize = MaxPoolSize, Timeout = PoolTimeoutSeconds }.ConnectionString;
        }

        public string ServerMaxConnections()
        {
            if (PostgresServer is null) return "(no server)";
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString);
            connection.Open();
            using var show = new NpgsqlCommand("SHOW max_connections", connection);
            return (string)show.ExecuteScalar()!;
        }
    }
}
