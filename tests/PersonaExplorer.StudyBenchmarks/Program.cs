using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Features.Study.Export;

// Study export benchmark: throughput and peak memory of the streamed events.csv / export.json for synthetic studies.
// Usage: dotnet run -c Release --project tests/PersonaExplorer.StudyBenchmarks -- [sizes…]   (default 100000 250000 500000 1000000)
var sizes = args.Length > 0 ? args.Select(long.Parse).ToArray() : [100_000, 250_000, 500_000, 1_000_000];
Console.WriteLine($"# Study export benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger" : "no debugger")}");
Console.WriteLine();
Console.WriteLine("| events | format | rows/s | MB written | seconds | peak managed heap during export (MB) | process working set after (MB) |");
Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
foreach (var size in sizes)
{
    var dir = Directory.CreateTempSubdirectory("pe-bench-").FullName;
    try
    {
        var factory = PersonaDatabase.CreateFactory(DataProvider.Sqlite, $"Data Source={Path.Combine(dir, "bench.db")};Pooling=True");
        var studyId = await SeedAsync(factory, size);
        var exporter = new StudyExporter(factory);
        if (size == sizes[0])
        {
            // Warm-up: a running server has exported before; this lets tiered JIT reach optimized code (the cold figure is printed too).
            var warm = (await exporter.LoadAsync(studyId, new ExportScope(), default))!;
            var cold = Stopwatch.StartNew();
            var n = await StudyExportWriter.WriteEventsCsvAsync(Stream.Null, exporter.EventsAsync(warm, default), default);
            Console.WriteLine($"| {size:N0} | csv, cold (first export in the process) | {n / cold.Elapsed.TotalSeconds:N0} | | {cold.Elapsed.TotalSeconds:N2} | | |");
            await StudyExportWriter.WriteJsonAsync(Stream.Null, StudyExporter.Design(warm.Study), StudyExporter.Participants(warm), exporter.AnswersAsync(warm, default), exporter.EventsAsync(warm, default), default);
        }
        foreach (var format in new[] { "csv", "json" })
        {
            var lookups = (await exporter.LoadAsync(studyId, new ExportScope(), default))!;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            using var sampler = new PeakSampler();
            var output = new CountingStream();
            var sw = Stopwatch.StartNew();
            var rows = format == "csv"
                ? await StudyExportWriter.WriteEventsCsvAsync(output, exporter.EventsAsync(lookups, default), default)
                : await StudyExportWriter.WriteJsonAsync(output, StudyExporter.Design(lookups.Study), StudyExporter.Participants(lookups),
                    exporter.AnswersAsync(lookups, default), exporter.EventsAsync(lookups, default), default);
            sw.Stop();
            var peak = sampler.Stop();
            if (rows != size) throw new InvalidOperationException($"Exported {rows} rows, expected {size}.");
            Console.WriteLine($"| {size:N0} | {format} | {rows / sw.Elapsed.TotalSeconds:N0} | {output.Length / 1e6:N1} | {sw.Elapsed.TotalSeconds:N2} | {(peak - baseline) / 1e6:N1} | {Environment.WorkingSet / 1e6:N0} |");
        }
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }
}

// Synthetic study: 2 conditions, 2 tasks, 1,000 participants with 2 trials each; events spread over them, with realistic payloads.
static async Task<Guid> SeedAsync(IDbContextFactory<PersonaDbContext> factory, long events)
{
    await using var db = await factory.CreateDbContextAsync();
    await db.Database.MigrateAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    var study = new ResearchStudy { Name = "Benchmark", Status = StudyStatus.Open, ConsentText = "c", CompletionCode = "BENCH" };
    study.Tasks.AddRange([new StudyTask { Title = "Plan a trip", Order = 0 }, new StudyTask { Title = "Choose a laptop", Order = 1 }]);
    study.Conditions.AddRange([new StudyCondition { Name = "Chat only", Order = 0 }, new StudyCondition { Name = "Full workspace", Features = StudyFeatures.All, Order = 1 }]);
    db.Studies.Add(study);
    var participants = Enumerable.Range(1, 1000).Select(i => new StudyParticipant
    {
        StudyId = study.Id, Code = ParticipantCodes.New(), Pseudonym = $"P{i:0000}", Kind = ParticipantKind.Real, Status = ParticipantStatus.Completed,
        Phase = ParticipantPhase.Done, Sequence = i - 1,
    }).ToList();
    db.StudyParticipants.AddRange(participants);
    var trials = participants.SelectMany(p => Enumerable.Range(0, 2).Select(k => new StudyTrial
    {
        ParticipantId = p.Id, Index = k, TaskId = study.Tasks[k].Id, ConditionId = study.Conditions[(k + p.Sequence!.Value) % 2].Id, SessionId = Guid.NewGuid(),
    })).ToList();
    db.StudyTrials.AddRange(trials);
    await db.SaveChangesAsync();

    var connection = (SqliteConnection)db.Database.GetDbConnection();
    await connection.OpenAsync();
    await using var tx = connection.BeginTransaction();
    await using var ev = connection.CreateCommand();
    ev.Transaction = tx;
    ev.CommandText = "INSERT INTO Events (Id, Type, PayloadJson, TimestampMs, SessionId) VALUES ($id, $type, $payload, $ts, $session)";
    var pId = ev.Parameters.Add("$id", SqliteType.Integer);
    var pType = ev.Parameters.Add("$type", SqliteType.Text);
    var pPayload = ev.Parameters.Add("$payload", SqliteType.Text);
    var pTs = ev.Parameters.Add("$ts", SqliteType.Integer);
    var pSession = ev.Parameters.Add("$session", SqliteType.Text);
    await using var tag = connection.CreateCommand();
    tag.Transaction = tx;
    tag.CommandText = "INSERT INTO StudyEventTags (EventId, StudyId, ParticipantId, ConditionId, TaskId, TrialIndex) VALUES ($id, $study, $p, $c, $t, $i)";
    var tId = tag.Parameters.Add("$id", SqliteType.Integer);
    var tStudy = tag.Parameters.Add("$study", SqliteType.Text);
    var tP = tag.Parameters.Add("$p", SqliteType.Text);
    var tC = tag.Parameters.Add("$c", SqliteType.Text);
    var tT = tag.Parameters.Add("$t", SqliteType.Text);
    var tI = tag.Parameters.Add("$i", SqliteType.Integer);
    tStudy.Value = study.Id.ToString().ToUpperInvariant();
    string[] types = ["message.send", "message.regenerate", "need.confirm", "need.reject", "solution.pin", "concept.toggle", "study.task_start", "study.task_end"];
    var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - events * 50;
    for (long i = 1; i <= events; i++)
    {
        var trial = trials[(int)(i % trials.Count)];
        pId.Value = i;
        pType.Value = types[i % types.Length];
        pPayload.Value = $"{{\"messageId\":\"{trial.SessionId}\",\"length\":{i % 400}}}";
        pTs.Value = start + i * 50;
        pSession.Value = trial.SessionId!.Value.ToString().ToUpperInvariant();
        await ev.ExecuteNonQueryAsync();
        tId.Value = i;
        tP.Value = trial.ParticipantId.ToString().ToUpperInvariant();
        tC.Value = trial.ConditionId.ToString().ToUpperInvariant();
        tT.Value = trial.TaskId.ToString().ToUpperInvariant();
        tI.Value = trial.Index;
        await tag.ExecuteNonQueryAsync();
    }
    await tx.CommitAsync();
    return study.Id;
}

/// <summary>A write-only stream that counts bytes (the network in a real download).</summary>
sealed class CountingStream : Stream
{
    private long _length;
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => _length += count;
    public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) { _length += buffer.Length; return ValueTask.CompletedTask; }
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) { _length += count; return Task.CompletedTask; }
}

/// <summary>Samples the managed heap every 5 ms and keeps the maximum.</summary>
sealed class PeakSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public PeakSampler() => _loop = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            _peak = Math.Max(_peak, GC.GetTotalMemory(false));
            try { await Task.Delay(5, _stop.Token); } catch (OperationCanceledException) { }
        }
    });

    public long Stop()
    {
        _stop.Cancel();
        _loop.Wait();
        return Math.Max(_peak, GC.GetTotalMemory(false));
    }

    public void Dispose() => _stop.Dispose();
}
