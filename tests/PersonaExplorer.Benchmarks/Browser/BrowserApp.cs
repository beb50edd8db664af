using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Data;
using PersonaExplorer.Features;
using PersonaExplorer.Tests.Ai.Fakes;

namespace PersonaExplorer.Benchmarks.Browser;

/// <summary>
/// The real app — its own Program and composition, Kestrel on a free loopback port, SQLite in a temporary folder —
/// with the real OpenAI SDK client pointed at the fake OpenAI-compatible provider, which runs in this process so that
/// it can report, per streamed answer, how long it took itself to send the first word.
/// </summary>
// WebApplicationFactory needs only a type of the app's assembly; the app's Program would clash with this project's own.
internal sealed class BrowserApp : WebApplicationFactory<WorkspaceFeatures>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pe-browser-bench-").FullName;
    private readonly FakeOpenAiServer _provider;
    private readonly MiniLmTextEmbedder _providerEmbedder;
    private readonly ConcurrentQueue<(string Body, ProviderFirstWord FirstWord)> _firstWords = new();

    private BrowserApp(FakeOpenAiServer provider, MiniLmTextEmbedder providerEmbedder)
    {
        (_provider, _providerEmbedder) = (provider, providerEmbedder);
        _provider.FirstWordSent = (request, elapsed) => _firstWords.Enqueue((request.Body.GetRawText(), new(request.ArrivedAt, elapsed.TotalMilliseconds)));
        UseKestrel(0);
    }

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>The features the next circuits get (null: the member workspace as it is).</summary>
    public NextCircuitFeatures Features { get; } = new();

    public static async Task<BrowserApp> StartAsync(FakeModel model)
    {
        var provider = await FakeOpenAiServer.StartAsync();
        provider.FirstTokenLatency = TimeSpan.FromMilliseconds(model.FirstTokenMs);
        provider.TokenDelay = TimeSpan.FromMilliseconds(model.TokenDelayMs);
        var embedder = new MiniLmTextEmbedder();
        var words = "Porto's riverside walk is flat and shaded; the Bolhão market opens at eight, trams 1 and 22 run to the sea, and a family ticket covers the museums.".Split(' ');
        var answer = string.Join(' ', Enumerable.Range(0, model.AnswerWords).Select(i => words[i % words.Length]));
        // Panel agents, the curator and attribution get the offline demo model's structured answers, the chat this text.
        provider.Responder = OfflineProviderReplies.Responder(embedder, _ => FakeReply.Normal(answer));
        var app = new BrowserApp(provider, embedder);
        await Task.Run(app.Start);
        return app;
    }

    private void Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Kestrel bound no http address.");
        Root = new UriBuilder(new Uri(address)) { Host = "127.0.0.1", Path = "/" }.Uri;
    }

    /// <summary>
    /// The provider's own time to the first word (request arrived → first word written) of the streamed answer whose
    /// request is the first to contain <paramref name="marker"/> (each message carries a marker of its own).
    /// </summary>
    public async Task<ProviderFirstWord> ProviderFirstWordAsync(string marker)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            foreach (var (body, firstWord) in _firstWords)
                if (body.Contains(marker, StringComparison.Ordinal)) return firstWord;
            await Task.Delay(20);
        }
        throw new InvalidOperationException($"The provider streamed no answer to a request containing \"{marker}\".");
    }

    /// <summary>
    /// This process's memory after a forced, compacting full collection: the managed heap (what live objects hold)
    /// and the resident set (the whole process: runtime, native buffers, the heap's free space).
    /// </summary>
    public static (long Heap, long Resident) Memory()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development: the build output's static web assets (MudBlazor, blazor.web.js) are served only there without a
        // publish, and the sign-in cookie is not Secure-only (plain http on loopback), as in the browser tests.
        builder.UseEnvironment("Development");
        builder.UseContentRoot(AppContext.BaseDirectory);
        foreach (var (key, value) in new Dictionary<string, string>
                 {
                     ["Data:Provider"] = "Sqlite",
                     ["Data:Directory"] = _directory,
                     ["Ai:Provider"] = "OpenAI",
                     ["Ai:Endpoint"] = _provider.OpenAiEndpoint,
                     ["Ai:Model"] = "bench-model",
                     // A cloud-like provider serving requests in parallel (Auto would pick ChatFirst for a loopback endpoint).
                     ["Ai:Scheduling:Mode"] = "Parallel",
                     // Every person signs in from 127.0.0.1, and person A sends ~50 messages in a few minutes.
                     ["Accounts:LoginAttemptsPerIp"] = "1000",
                     ["Limits:MessagesPerWindow"] = "1000",
                     ["Limits:ModelActionsPerDay"] = "100000",
                     ["Logging:LogLevel:Default"] = "Warning",
                 })
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Features);
            services.AddScoped(sp => sp.GetRequiredService<NextCircuitFeatures>().Create());
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _provider.DisposeAsync();
        _providerEmbedder.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>When a streamed answer's request reached the provider (wall clock) and how long the provider took to its first word.</summary>
internal sealed record ProviderFirstWord(DateTimeOffset ArrivedAt, double Ms);

/// <summary>
/// Chooses the workspace features of the circuits opened next, as a study condition sets them
/// (<see cref="WorkspaceFeatures.ApplyAsync"/>): the benchmark opens a "CARE panels off" page by setting
/// <see cref="Next"/>, waiting for its circuit, and clearing it. Null leaves the member workspace as it is.
/// </summary>
internal sealed class NextCircuitFeatures
{
    private readonly Lock _gate = new();
    private StudyFeatures? _next;

    public StudyFeatures? Next
    {
        get { lock (_gate) return _next; }
        set { lock (_gate) _next = value; }
    }

    public WorkspaceFeatures Create()
    {
        var features = new WorkspaceFeatures();
        // Nothing is subscribed yet, so applying completes at once.
        if (Next is { } next) features.ApplyAsync(next).GetAwaiter().GetResult();
        return features;
    }
}
