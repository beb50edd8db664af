using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Benchmarks;
using PersonaExplorer.Data;
using PersonaExplorer.Features;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Features.Profiles;

// CARE turn benchmark: the real orchestration and the real OpenAI SDK path against the fake OpenAI-compatible server
// (in a child process) with fixed latencies. Run: dotnet run -c Release --project tests/PersonaExplorer.Benchmarks
if (args is ["--serve", var ft, var td, var words])
{
    await FakeModelProcess.ServeAsync(int.Parse(ft), int.Parse(td), int.Parse(words));
    return;
}

const int FirstTokenMs = 250, TokenDelayMs = 4, AnswerWords = 300, Rounds = 7;
var concepts = new List<PromptConcept> { new("prefers vegetarian food", "diet", 0.8), new("dislikes long flights", "travel", -0.6), new("budget-conscious", "budget", 0.7) };

await using var model = await FakeModelProcess.StartAsync(FirstTokenMs, TokenDelayMs, AnswerWords);
Console.WriteLine($"PersonaExplorer CARE benchmark — {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"Fake model: time to first token {FirstTokenMs} ms, {TokenDelayMs} ms between streamed tokens, {AnswerWords}-word chat answer; {Rounds} rounds per figure (median).");
Console.WriteLine();

// Warm-up (JIT, EF model, MiniLM load, SDK connection pool) is not measured.
await using (var warm = await Bench.CreateAsync(model.Endpoint, LatencyProfile.None))
{
    var s = await warm.SessionAsync(10);
    await warm.CareTurnAsync(s, concepts);
    await warm.PlainChatAsync(s, concepts);
}

foreach (var (name, profile) in new[] { ("equal agent latencies", LatencyProfile.None), ("output-proportional agent latencies", LatencyProfile.OutputProportional) })
{
    await using var bench = await Bench.CreateAsync(model.Endpoint, profile);
    var session = await bench.SessionAsync(10);
    var plain = new List<double>();
    var care = new List<double>();
    var wallRatio = new List<double>();
    var wall = new List<double>();
    var slowest = new List<double>();
    for (var i = 0; i < Rounds; i++)
    {
        plain.Add((await bench.PlainChatAsync(session, concepts)).FirstTokenMs);
        var turn = await bench.CareTurnAsync(session, concepts);
        care.Add(turn.FirstTokenMs);
        wallRatio.Add(turn.PanelWallMs / turn.SlowestCallMs);
        wall.Add(turn.PanelWallMs);
        slowest.Add(turn.SlowestCallMs);
    }
    Console.WriteLine($"[{name}]");
    Console.WriteLine($"  CARE-mode first chat token / plain-chat first token: {Median(care):0} ms / {Median(plain):0} ms = {Median(care) / Median(plain):0.00} (target <= 1.10)");
    Console.WriteLine($"  Full turn wall time / slowest single agent call:      {Median(wall):0} ms / {Median(slowest):0} ms, median ratio {Median(wallRatio):0.00} (target <= 1.30)");
}

await using (var bench = await Bench.CreateAsync(model.Endpoint, LatencyProfile.None))
{
    var small = await bench.SessionAsync(10);
    var large = await bench.SessionAsync(500);
    var cpuSmall = new List<double>();
    var cpuLarge = new List<double>();
    for (var i = 0; i < Rounds; i++)
    {
        cpuSmall.Add((await bench.CareTurnAsync(small, concepts)).CpuMsPerToken);
        cpuLarge.Add((await bench.CareTurnAsync(large, concepts)).CpuMsPerToken);
    }
    Console.WriteLine("[server CPU per streamed token, full CARE turn]");
    Console.WriteLine($"  500-message session / 10-message session: {Median(cpuLarge) * 1000:0} µs / {Median(cpuSmall) * 1000:0} µs = {Median(cpuLarge) / Median(cpuSmall):0.00}x (target <= 1.5x)");
}

await using (var steering = await SteeringBench.CreateAsync(model.Endpoint))
{
    var (explore, profile) = await steering.PrepareAsync();
    await steering.ToggleToFirstTokenMsAsync(explore, profile); // warm-up
    var provider = new List<double>();
    var steer = new List<double>();
    for (var i = 0; i < Rounds; i++)
    {
        provider.Add(await steering.ProviderFirstTokenMsAsync());
        steer.Add(await steering.ToggleToFirstTokenMsAsync(explore, profile));
    }
    Console.WriteLine("[live steering, real workspace services]");
    Console.WriteLine($"  concept toggle -> first token of the regenerated answer: {Median(steer):0} ms; provider's own first token: {Median(provider):0} ms; " +
                      $"overhead {Median(steer) - Median(provider):0} ms (target <= 100 ms)");
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>The app's services (as AddCare registers them) over a temporary SQLite file and the SDK client of the fake model.</summary>
sealed class Bench : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-bench-").FullName;
    private ServiceProvider _root = default!;
    private AsyncServiceScope _scope;

    public sealed record TurnResult(double FirstTokenMs, double PanelWallMs, double SlowestCallMs, int Tokens, double CpuMsPerToken);

    public static async Task<Bench> CreateAsync(string endpoint, IReadOnlyDictionary<string, int> latency)
    {
        var bench = new Bench();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Critical));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(TimeProvider.System);
        services.AddPersonaDatabase(DataProvider.Sqlite, $"Data Source={Path.Combine(bench._dir, "bench.db")};Default Timeout=30");
        services.AddSingleton<PersonaExplorer.Data.EventLog>();
        services.AddSingleton(ModelInfo.Offline);
        services.AddSingleton<ProfileStore>();
        var options = new AiOptions { Provider = AiProvider.OpenAI, Endpoint = endpoint, Model = "bench-model", ApiKey = "bench" };
        services.AddSingleton<IChatClient>(new LatencyProfile(AiExtensions.CreateChatClient(options), latency));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new ExploreOptions()));
        services.AddScoped<WorkspaceFeatures>();
        services.AddAiServices();
        services.AddCare();
        bench._root = services.BuildServiceProvider();
        bench._scope = bench._root.CreateAsyncScope();
        await using var db = await bench.Db();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return bench;
    }

    private T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();
    private Task<PersonaDbContext> Db() => _root.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync();

    /// <summary>A session with this many messages (user and assistant alternating), ending with a user request.</summary>
    public async Task<Guid> SessionAsync(int messages)
    {
        await using var db = await Db();
        var session = new ExplorationSession { Title = $"{messages} messages" };
        db.Sessions.Add(session);
        for (var i = 0; i < messages; i++)
        {
            var user = i % 2 == 0;
            var content = user
                ? (i == messages - 2 || i == messages - 1 ? "I want a relaxed weekend trip with my kids, under $800." : $"Message {i}: what about museums, parks and food markets near the centre?")
                : $"Answer {i}: here are three options with prices, opening hours and how to get there by public transport, plus a short tip about avoiding queues.";
            db.Messages.Add(new Message { SessionId = session.Id, Sequence = i, Role = user ? MessageRole.User : MessageRole.Assistant, Content = content });
        }
        await db.SaveChangesAsync();
        await Get<CareActions>().LoadSessionAsync(session.Id);
        return session.Id;
    }

    /// <summary>The chat answer alone, as in plain-chat mode.</summary>
    public async Task<TurnResult> PlainChatAsync(Guid session, IReadOnlyList<PromptConcept> concepts)
    {
        var clock = Stopwatch.StartNew();
        var history = await HistoryAsync(session);
        var (first, tokens) = await StreamAsync(SteeringContextBuilder.ForConcepts(concepts), history, clock);
        return new TurnResult(first, 0, 1, tokens, 0);
    }

    /// <summary>A CARE turn: the panel agents start, and the chat answer streams at the same time with the steering context.</summary>
    public async Task<TurnResult> CareTurnAsync(Guid session, IReadOnlyList<PromptConcept> concepts)
    {
        await Get<CareActions>().EnsureSessionAsync(session);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var orchestrator = Get<CareOrchestrator>();
        var lastUser = await LastUserMessageAsync(session);
        var tracesBefore = Get<CareState>().Traces.Count;

        var panelContext = SteeringContextBuilder.ForConcepts(concepts, await Get<IWorkspaceSteering>().ReadAsync(session));
        var panels = Task.Run(async () =>
        {
            var started = clock.Elapsed;
            await orchestrator.StartTurnAsync(session, lastUser, panelContext);
            return (clock.Elapsed - started).TotalMilliseconds;
        });
        var history = await HistoryAsync(session);
        var (first, tokens) = await StreamAsync(panelContext, history, clock);
        var panelWall = await panels;

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var calls = Get<CareState>().Traces.Skip(tracesBefore).Select(t => t.Call).ToList();
        var failed = Get<CareState>().Statuses.Values.Where(s => s.State != AgentState.Done).ToList();
        if (failed.Count > 0) throw new InvalidOperationException("Agents did not finish: " + string.Join(", ", failed.Select(f => $"{f.Agent} {f.State} {f.Message}")));
        return new TurnResult(first, panelWall, calls.Max(c => c.LatencyMs), tokens, cpu / tokens);
    }

    /// <summary>The chat's own streaming path (<see cref="AnswerStreamer"/>), reporting every token.</summary>
    private async Task<(double FirstTokenMs, int Tokens)> StreamAsync(TurnContext context, List<ChatMessage> history, Stopwatch clock)
    {
        double? first = null;
        int tokens = 0, seen = 0;
        await Get<AnswerStreamer>().StreamAsync(ChatPrompt.Build(context, history), text =>
        {
            if (text.Length == seen) return; // the closing report repeats the whole text
            seen = text.Length;
            first ??= clock.Elapsed.TotalMilliseconds;
            tokens++;
        }, TimeSpan.Zero, CancellationToken.None);
        return (first ?? double.NaN, tokens);
    }

    /// <summary>The whole visible history, as the chat sends it.</summary>
    private async Task<List<ChatMessage>> HistoryAsync(Guid session)
    {
        await using var db = await Db();
        return (await db.Messages.AsNoTracking().Where(m => m.SessionId == session && !m.IsSuperseded).OrderBy(m => m.Sequence).ToListAsync())
            .Select(m => new ChatMessage(m.Role == MessageRole.User ? ChatRole.User : ChatRole.Assistant, m.Content)).ToList();
    }

    private async Task<Guid> LastUserMessageAsync(Guid session)
    {
        await using var db = await Db();
        return await db.Messages.Where(m => m.SessionId == session && m.Role == MessageRole.User).OrderByDescending(m => m.Sequence).Select(m => m.Id).FirstAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
