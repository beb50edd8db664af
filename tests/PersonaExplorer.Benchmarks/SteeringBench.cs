using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Profiles;

namespace PersonaExplorer.Benchmarks;

/// <summary>
/// Live steering latency through the real workspace services (registered as the app registers them): a concept toggle
/// → the first token of the regenerated answer, minus the provider's own time to first token measured in the same run.
/// </summary>
public sealed class SteeringBench : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-steer-").FullName;
    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;
    private readonly IChatClient _client;

    private SteeringBench(string endpoint)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Critical));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(TimeProvider.System);
        services.AddPersonaDatabase(DataProvider.Sqlite, $"Data Source={Path.Combine(_dir, "steer.db")};Default Timeout=30");
        services.AddSingleton<PersonaExplorer.Data.EventLog>();
        var ai = new AiOptions { Provider = AiProvider.OpenAI, Endpoint = endpoint, Model = "bench-model", ApiKey = "bench" };
        services.AddSingleton(Options.Create(ai));
        services.AddSingleton(Options.Create(new ExploreOptions()));
        services.AddSingleton(AiExtensions.CreateModelInfo(ai));
        _client = AiExtensions.CreateChatClient(ai);
        services.AddSingleton(_client);
        services.AddProfileServices();
        services.AddExploreServices();
        _root = services.BuildServiceProvider();
        _scope = _root.CreateAsyncScope();
    }

    public static async Task<SteeringBench> CreateAsync(string endpoint)
    {
        var bench = new SteeringBench(endpoint);
        await using var db = await bench._root.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return bench;
    }

    /// <summary>The provider alone: time to its first streamed token for a plain request.</summary>
    public async Task<double> ProviderFirstTokenMsAsync()
    {
        var clock = Stopwatch.StartNew();
        await foreach (var update in _client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Suggest restaurants for dinner in Porto")]))
            if (!string.IsNullOrEmpty(update.Text)) return clock.Elapsed.TotalMilliseconds;
        return double.NaN;
    }

    /// <summary>One session with an answer and a concept, with live steering as every workspace has it (profile edits steer the answer).</summary>
    public async Task<(ExploreState Explore, ProfileState Profile)> PrepareAsync()
    {
        var explore = _scope.ServiceProvider.GetRequiredService<ExploreState>();
        var profile = _scope.ServiceProvider.GetRequiredService<ProfileState>();
        explore.LiveSteering = false;
        await profile.AddAsync("prefers vegetarian food", "diet");
        await explore.SendAsync("Suggest restaurants for dinner in Porto");
        await WaitIdleAsync(explore);
        explore.LiveSteering = true;
        return (explore, profile);
    }

    /// <summary>Toggles the concept and returns the time until the regenerated answer's first token reaches the UI state.</summary>
    public async Task<double> ToggleToFirstTokenMsAsync(ExploreState explore, ProfileState profile)
    {
        var firstToken = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        Func<Task> onLive = () =>
        {
            if (!string.IsNullOrEmpty(explore.LiveText)) firstToken.TrySetResult(clock.Elapsed.TotalMilliseconds);
            return Task.CompletedTask;
        };
        using var live = explore.SubscribeLive(onLive);
        var concept = profile.Concepts.Single();
        clock.Start();
        await profile.ToggleAsync(concept, !concept.Enabled);
        var ms = await firstToken.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitIdleAsync(explore);
        await explore.KeepAfterAsync();
        return ms;
    }

    private static async Task WaitIdleAsync(ExploreState explore)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (explore.IsStreaming && DateTime.UtcNow < deadline) await Task.Delay(5);
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
