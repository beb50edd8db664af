using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PersonaExplorer.Ai;
using PersonaExplorer.Components.Markdown;
using PersonaExplorer.Data;
using PersonaExplorer.Features;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Profiles;

namespace PersonaExplorer.Benchmarks;

/// <summary>
/// The app's own composition (AddData, AddAi, AddProfiles, AddExplore, as Program.cs calls them) over a fresh SQLite
/// file, with the real OpenAI SDK client pointed at a fake model in a child process.
/// </summary>
public sealed class AppPath : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _directory;
    private int _circuits;

    private AppPath(IHost host, string directory) => (_host, _directory) = (host, directory);

    public EmbeddingMeter Embeddings => _host.Services.GetRequiredService<EmbeddingMeter>();

    public static async Task<AppPath> StartAsync(FakeModelProcess model, SchedulingMode scheduling)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var directory = Directory.CreateTempSubdirectory("pe-bench-").FullName;
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ai:Provider"] = "OpenAI",
            ["Ai:Endpoint"] = model.Endpoint,
            ["Ai:Model"] = "bench-model",
            ["Ai:Scheduling:Mode"] = scheduling.ToString(),
            ["Data:Provider"] = "Sqlite",
            ["Data:Directory"] = directory,
        });
        builder.Services.AddSingleton<EmbeddingMeter>();
        builder.Services.AddSingleton<PersonaExplorer.Ai.Embeddings.ITextEmbedder>(sp => sp.GetRequiredService<EmbeddingMeter>()); // the app adds its own only when none is registered
        builder.AddData();
        builder.AddAi();
        builder.AddProfiles();
        builder.AddExplore();
        var host = builder.Build();
        await host.StartAsync(); // migrations, as an instance starts
        return new AppPath(host, directory);
    }

    /// <summary>A circuit of its own person: the scoped services one browser tab gets.</summary>
    public async Task<Circuit> OpenCircuitAsync(StudyFeatures features = StudyFeatures.All)
    {
        var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPerson>().ActAs($"bench-person-{Interlocked.Increment(ref _circuits)}");
        await scope.ServiceProvider.GetRequiredService<WorkspaceFeatures>().ApplyAsync(features);
        var profile = scope.ServiceProvider.GetRequiredService<ProfileState>();
        foreach (var (text, category) in new[] { ("prefers vegetarian food", "diet"), ("dislikes long flights", "travel"), ("budget-conscious", "budget"), ("likes quiet places", "style") })
            await profile.AddAsync(text, category);
        var circuit = new Circuit(scope);
        await circuit.Explore.LoadAsync(null);
        return circuit;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One measured message: Send → first visible token, streamed tokens, app CPU, and whether it all completed.</summary>
public sealed record TurnMeasure(double FirstTokenMs, int Renders, int Words, double CpuMs, bool Complete);

/// <summary>A circuit's scope: <see cref="ExploreState"/> as the Send button calls it, and the live message's renderer.</summary>
public sealed class Circuit(AsyncServiceScope scope) : IAsyncDisposable
{
    public ExploreState Explore => scope.ServiceProvider.GetRequiredService<ExploreState>();

    /// <summary>
    /// Sends <paramref name="text"/> the way the Send click does and waits for the whole turn: the answer saved, the
    /// panel agents done, and <paramref name="settle"/> for the after-answer work (curator) to finish. Every live update
    /// goes through the live message's renderer (<see cref="StreamingMarkdown"/>), as LiveMessage.razor does.
    /// </summary>
    public Task<TurnMeasure> SendAsync(string text, TimeSpan settle) => MeasureAsync(async () =>
    {
        if (await Explore.SendAsync(text) is { } refused) throw new InvalidOperationException(refused);
    }, settle);

    /// <summary>
    /// Live steering as the person triggers it: <paramref name="edit"/> changes a concept or a need through the app's own
    /// services (ProfileState, CareActions), LiveSteering regenerates the last answer (debounce included), and the
    /// measure runs from the edit to the regenerated answer's first token and its end. The new version is kept.
    /// </summary>
    public async Task<TurnMeasure> SteerAsync(Func<IServiceProvider, Task> edit, TimeSpan settle)
    {
        var steering = scope.ServiceProvider.GetRequiredService<LiveSteering>();
        var measure = await MeasureAsync(async () =>
        {
            await edit(scope.ServiceProvider);
            await steering.Pending;
        }, settle);
        await steering.KeepAfterAsync();
        return measure;
    }

    private async Task<TurnMeasure> MeasureAsync(Func<Task> start, TimeSpan settle)
    {
        var explore = Explore;
        var markdown = new StreamingMarkdown(scope.ServiceProvider.GetRequiredService<MarkdownRenderer>());
        var first = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var renders = 0;
        var clock = new Stopwatch();
        Task OnLive()
        {
            var live = explore.LiveText ?? "";
            markdown.Update(live);
            if (live.Length > 0)
            {
                Interlocked.Increment(ref renders);
                first.TrySetResult(clock.Elapsed.TotalMilliseconds);
            }
            return Task.CompletedTask;
        }
        using var subscription = explore.SubscribeLive(OnLive);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Start();
        await start();
        var answer = await explore.Answer.WaitAsync(TimeSpan.FromSeconds(120));
        await explore.PanelTurn.WaitAsync(TimeSpan.FromSeconds(120));
        if (settle > TimeSpan.Zero) await Task.Delay(settle);
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var words = answer?.Content.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
        return new TurnMeasure(first.Task.IsCompleted ? first.Task.Result : double.NaN, renders, words, used,
            answer is { Status: MessageStatus.Complete });
    }

    /// <summary>Fills the open session (sending one message first when none is open) with stored messages up to <paramref name="count"/>.</summary>
    public async Task GrowSessionAsync(int count)
    {
        var sessionId = Explore.SessionId ?? throw new InvalidOperationException("Send a message first.");
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PersonaDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var next = await db.Messages.Where(m => m.SessionId == sessionId).MaxAsync(m => m.Sequence) + 1;
            for (var i = Explore.Messages.Count; i < count; i++, next++)
            {
                var user = i % 2 == 0;
                db.Messages.Add(new Message
                {
                    SessionId = sessionId, Sequence = next, Role = user ? MessageRole.User : MessageRole.Assistant,
                    Content = user
                        ? $"Message {i}: what about museums, parks and food markets near the centre, and how late are they open?"
                        : $"Answer {i}: here are three options with prices, opening hours and how to get there by public transport, plus a short tip about avoiding queues.",
                });
            }
            await db.SaveChangesAsync();
        }
        var id = sessionId;
        await Explore.LoadAsync(null);
        await Explore.LoadAsync(id);
    }

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
