using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Limits;
using PersonaExplorer.Features.Profiles;

namespace PersonaExplorer.GrowthBenchmarks;

/// <summary>
/// The app's own services (AddData, AddAi, AddLimits, AddProfiles, AddExplore as Program.cs calls them) on a fresh SQLite
/// database, with the offline demo model behind a recorder that counts every request's tokens.
/// </summary>
internal sealed class GrowthHost : IAsyncDisposable
{
    public const string Person = "growth-benchmark-person";

    private readonly IHost _host;
    private readonly string _directory;

    private GrowthHost(IHost host, string directory) => (_host, _directory) = (host, directory);

    public IServiceProvider Services => _host.Services;
    public TokenRecorder Recorder => _host.Services.GetRequiredService<TokenRecorder>();
    public string DatabasePath => Path.Combine(_directory, "personaexplorer.db");

    public static async Task<GrowthHost> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("pe-growth-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ai:Provider"] = "Offline",
            ["Data:Provider"] = "Sqlite",
            ["Data:Directory"] = directory,
            // The benchmark is one person working for a long time: the per-person rate budget would (rightly) stop it.
            ["Limits:MessagesPerWindow"] = "10000",
            ["Limits:ModelActionsPerDay"] = "1000000",
            ["Limits:TokensPerDay"] = "1000000000",
        });
        builder.AddData();
        builder.AddAi();
        builder.AddLimits();
        builder.AddProfiles();
        builder.AddExplore();
        builder.Services.AddSingleton<TokenRecorder>();
        // The recorder wraps the offline demo model the app would use; registered last, so it is the IChatClient.
        builder.Services.AddSingleton<IChatClient>(sp => new RecordingChatClient(
            new OfflineDemoChatClient(sp.GetRequiredService<ITextEmbedder>(), 0, sp.GetServices<IOfflineStructuredResponder>()),
            sp.GetRequiredService<TokenRecorder>()));
        var host = builder.Build();
        await host.StartAsync();
        return new GrowthHost(host, directory);
    }

    /// <summary>A circuit's services, working for the benchmark's person.</summary>
    public AsyncServiceScope Circuit()
    {
        var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPerson>().ActAs(Person);
        return scope;
    }

    /// <summary>
    /// Bytes the database uses: its pages minus the free ones, after a checkpoint moved the write-ahead log into the file.
    /// Free pages (left by the migrations' table rebuilds) are not growth: new rows reuse them before the file grows.
    /// </summary>
    public long DatabaseBytes()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        long Pragma(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        Pragma("PRAGMA wal_checkpoint(TRUNCATE);");
        return (Pragma("PRAGMA page_count;") - Pragma("PRAGMA freelist_count;")) * Pragma("PRAGMA page_size;");
    }

    /// <summary>One message and its answer, with the CARE panels and the curator, as a person's turn runs in the app.</summary>
    public static async Task TurnAsync(ExploreState explore, string text)
    {
        if (await explore.SendAsync(text) is { } refused) throw new InvalidOperationException("Refused: " + refused);
        await explore.Answer.WaitAsync(TimeSpan.FromSeconds(120));
        await explore.PanelTurn.WaitAsync(TimeSpan.FromSeconds(120));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Input and output tokens of every model request, counted with the tokenizer on what is really sent (messages and JSON schema).</summary>
internal sealed class TokenRecorder
{
    /// <summary>One entry per request, added when it starts (a background call still running is counted too); Output fills in when it ends.</summary>
    public ConcurrentQueue<Request> Requests { get; } = new();

    public void Clear() => Requests.Clear();

    public sealed class Request(string kind, int input)
    {
        public string Kind { get; } = kind;
        public int Input { get; } = input;
        public int Output { get; set; }
    }
}

internal sealed class RecordingChatClient(IChatClient inner, TokenRecorder recorder) : DelegatingChatClient(inner)
{
    private TokenRecorder.Request Start(string kind, IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var input = TokenCounter.Shared.Count(messages)
            + (options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } ? TokenCounter.Shared.Count(JsonSerializer.Serialize(schema)) : 0);
        var request = new TokenRecorder.Request(kind, input);
        recorder.Requests.Enqueue(request);
        return request;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var request = Start((options?.ResponseFormat as ChatResponseFormatJson)?.SchemaName ?? "structured", list, options);
        var response = await base.GetResponseAsync(list, options, cancellationToken);
        request.Output = TokenCounter.Shared.Count(response.Text);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var request = Start("chat", list, options);
        var text = new StringBuilder();
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken))
        {
            text.Append(update.Text);
            yield return update;
        }
        request.Output = TokenCounter.Shared.Count(text.ToString());
    }
}
