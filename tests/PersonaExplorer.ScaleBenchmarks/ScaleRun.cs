using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Profiles;

namespace PersonaExplorer.ScaleBenchmarks;

internal sealed record ScaleResult(int Turns, int Failed, double TurnsPerSecond, double FirstTokenP50, double FirstTokenP95, string DatabaseCpu,
    IReadOnlyDictionary<string, int> FailureReasons);

/// <summary>The app's own services (AddData, AddAi, AddProfiles, AddExplore as Program.cs calls them) on a fresh database of one provider.</summary>
internal sealed class ScaleRun : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DataProvider _provider;
    private readonly string? _directory;
    private readonly string? _postgres;

    private ScaleRun(IHost host, DataProvider provider, string? directory, string? postgres) =>
        (_host, _provider, _directory, _postgres) = (host, provider, directory, postgres);

    public static async Task<ScaleRun> CreateAsync(DataProvider provider, BenchOptions options)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        string? directory = null;
        var settings = new Dictionary<string, string?>
        {
            ["Ai:Provider"] = "Offline",
            ["Ai:OfflineTokenDelayMs"] = options.TokenDelayMs.ToString(),
            ["Data:Provider"] = provider.ToString(),
        };
        if (provider == DataProvider.PostgreSQL) settings["Data:ConnectionString"] = options.NewPostgresDatabase();
        else settings["Data:Directory"] = directory = Directory.CreateTempSubdirectory("pe-scale-").FullName;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddData();
        builder.AddAi();
        builder.AddProfiles();
        builder.AddExplore();
        var host = builder.Build();
        await host.StartAsync(); // migrations and the first profile, as an instance starts
        return new ScaleRun(host, provider, directory, settings.GetValueOrDefault("Data:ConnectionString"));
    }

    public async Task<ScaleResult> RunAsync(int sessions, int turns)
    {
        var firstTokens = new List<double>();
        var failed = 0;
        var reasons = new Dictionary<string, int>();
        var cpu = CpuMeter.Start(_provider, _host.Services);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(i => Task.Run(async () =>
        {
            await using var circuit = _host.Services.CreateAsyncScope();
            // Each session is its own signed-in person, as each circuit of the app is.
            circuit.ServiceProvider.GetRequiredService<CurrentPerson>().ActAs($"scale-person-{i}");
            var explore = circuit.ServiceProvider.GetRequiredService<ExploreState>();
            for (var t = 0; t < turns; t++)
            {
                var (ms, reason) = await TurnAsync(explore, $"Plan a weekend in Porto for traveller {i}, question {t}");
                lock (firstTokens)
                {
                    if (ms is { } value) firstTokens.Add(value);
                    else
                    {
                        failed++;
                        reasons[reason!] = reasons.GetValueOrDefault(reason!) + 1;
                    }
                }
            }
        })));
        wall.Stop();
        firstTokens.Sort();
        var total = sessions * turns;
        return new ScaleResult(total, failed, (total - failed) / wall.Elapsed.TotalSeconds,
            Percentile(firstTokens, 0.50), Percentile(firstTokens, 0.95), await cpu.StopAsync(wall.Elapsed), reasons);
    }

    /// <summary>One message: milliseconds from send to the first streamed text, or null and why when the turn did not complete.</summary>
    private static async Task<(double? FirstTokenMs, string? Failure)> TurnAsync(ExploreState explore, string text)
    {
        var clock = Stopwatch.StartNew();
        var first = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task OnLive()
        {
            if (!string.IsNullOrEmpty(explore.LiveText)) first.TrySetResult(clock.Elapsed.TotalMilliseconds);
            return Task.CompletedTask;
        }
        using var live = explore.SubscribeLive(OnLive);
        try
        {
            if (await explore.SendAsync(text) is { } refused) return (null, "refused: " + refused);
            while (explore.IsStreaming) await Task.Delay(5);
            await explore.PanelTurn;
            var last = explore.Messages[^1];
            if (last is { Role: MessageRole.Assistant, Status: MessageStatus.Complete } && first.Task.IsCompleted) return (first.Task.Result, null);
            // Say why, so a failed row can be read (e.g. the chat's own time limit under overload).
            var reason = $"the answer ended {last.Status}: {last.Error ?? "(no error)"}";
            Console.Error.WriteLine("turn failed: " + reason);
            return (null, reason);
        }
        // A failed turn is counted, not fatal: e.g. SQLite's "database is locked" once writers outlast the busy timeout.
        catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine("turn failed: " + e.Message);
            return (null, $"{e.GetType().Name}: {e.GetBaseException().Message}");
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // EF keeps a connection pool per connection string for the life of the process: without dropping the run's
        // database (which ends its connections) an earlier run's idle pool would take server slots from the next run.
        if (_postgres is not null) await BenchOptions.DropPostgresDatabaseAsync(_postgres);
        if (_directory is not null) try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Database CPU over a run: the PostgreSQL server's processes (from /proc), or this process for in-process SQLite.</summary>
internal sealed class CpuMeter
{
    private readonly Func<double> _read;
    private readonly double _start;
    private readonly string _what;

    private CpuMeter(Func<double> read, string what) => (_read, _start, _what) = (read, read(), what);

    public static CpuMeter Start(DataProvider provider, IServiceProvider services)
    {
        if (provider == DataProvider.Sqlite)
            return new CpuMeter(() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, "app+SQLite process");
        using var db = services.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContext();
        var dataDirectory = db.Database.SqlQueryRaw<string>("SELECT setting AS \"Value\" FROM pg_settings WHERE name = 'data_directory'").AsEnumerable().Single();
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First());
        return new CpuMeter(() => ServerSeconds(postmaster), "PostgreSQL server");
    }

    public Task<string> StopAsync(TimeSpan wall)
    {
        var seconds = _read() - _start;
        return Task.FromResult($"{seconds:0.0} CPU-s ({seconds / (wall.TotalSeconds * Environment.ProcessorCount):P0} of {Environment.ProcessorCount} cores), {_what}");
    }

    /// <summary>CPU seconds of the postmaster, its finished children (cutime/cstime) and its live backends.</summary>
    private static double ServerSeconds(int postmaster)
    {
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields after "pid (comm)": state=0, ppid=1, utime=11, stime=12, cutime=13, cstime=14
            var ppid = int.Parse(fields[1]);
            if (pid == postmaster) ticks += long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
            else if (ppid == postmaster) ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        return ticks / 100.0; // USER_HZ
    }
}
