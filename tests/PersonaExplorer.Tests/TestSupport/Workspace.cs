using PersonaExplorer.Features.Accounts.Ownership;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Data.Changes;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Features.Limits;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>
/// The workspace services of one circuit over a fresh migrated SQLite file, with the chat client of the test's choice.
/// Plain C#: no browser, no web host.
/// </summary>
public sealed class Workspace : IAsyncDisposable
{
    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;
    private readonly string _dir;

    private Workspace(ServiceProvider root, string dir)
    {
        _root = root;
        _dir = dir;
        _scope = root.CreateAsyncScope();
    }

    public ExploreState Explore => _scope.ServiceProvider.GetRequiredService<ExploreState>();
    public LiveSteering Steering => _scope.ServiceProvider.GetRequiredService<LiveSteering>();
    public ProfileState Profile => _scope.ServiceProvider.GetRequiredService<ProfileState>();
    public CareState Care => _scope.ServiceProvider.GetRequiredService<CareState>();
    public SessionStore Sessions => _root.GetRequiredService<SessionStore>();
    public ProfileStore Profiles => _root.GetRequiredService<ProfileStore>();
    public ConceptStore Concepts => _root.GetRequiredService<ConceptStore>();
    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>The services of another circuit of the same person (a second tab); dispose it to close the tab.</summary>
    public AsyncServiceScope OpenAnotherTab() => _root.CreateAsyncScope();

    /// <summary>The owner id of everything made in a workspace.</summary>
    public const string PersonId = "workspace-person";

    public PersonaDbContext Db() => _root.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContext();

    /// <summary>Stores <paramref name="count"/> of this person's sessions straight into the database, session i one minute after session i - 1, so the highest number is the newest.</summary>
    public async Task SeedSessionsAsync(int count, Func<int, string> title)
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var db = Db();
        db.Sessions.AddRange(Enumerable.Range(1, count).Select(i => new ExplorationSession
        {
            OwnerId = PersonId, Title = title(i), CreatedUtc = start.AddMinutes(i), UpdatedUtc = start.AddMinutes(i),
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>The workspace on the offline demo model with every agent's offline responder, as the app runs without a key.</summary>
    public static Task<Workspace> CreateOfflineAsync(Action<ExploreOptions>? explore = null) =>
        CreateAsync(null, explore: explore);

    public static async Task<Workspace> CreateAsync(IChatClient? client, ModelInfo? model = null,
        Action<AiOptions>? ai = null, Action<ExploreOptions>? explore = null, Action<LimitsOptions>? limits = null)
    {
        var dir = Directory.CreateTempSubdirectory("pe-test-").FullName;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(SharedEmbedder.MiniLm);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(TestDatabase.NewFactory(dir));
        services.AddSingleton(Options.Create(Configure(new AiOptions(), ai)));
        services.AddSingleton(Options.Create(Configure(new ExploreOptions(), explore)));
        services.AddSingleton(Options.Create(Configure(new LimitsOptions(), limits)));
        services.AddSingleton(model ?? ModelInfo.Offline);
        if (client is not null) services.AddSingleton(client);
        else services.AddSingleton<IChatClient>(sp => new OfflineDemoChatClient(SharedEmbedder.MiniLm, 0, sp.GetServices<IOfflineStructuredResponder>()));
        services.AddSingleton<EventLog>();
        services.AddSingleton<IChangeFeed>(_ => new InProcessChangeFeed());
        // The workspace is one signed-in person's, as every circuit of the app is (the stores refuse nobody).
        services.AddScoped<CircuitOwner>();
        services.AddScoped(sp => CurrentPerson.For(sp.GetRequiredService<CircuitOwner>().Id));
        services.AddProfileServices();
        services.AddExploreServices(); // as the app registers them
        var root = services.BuildServiceProvider();
        await using (var db = await root.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync())
            await db.Database.MigrateAsync();
        return new Workspace(root, dir);
    }

    /// <summary>Another person's circuit on the same server (same database, same budgets): dispose it when done.</summary>
    public AsyncServiceScope CircuitOf(string personId)
    {
        var scope = _root.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CircuitOwner>().Id = personId;
        return scope;
    }

    /// <summary>Whom a circuit scope works for; set before anything else in the scope is resolved.</summary>
    private sealed class CircuitOwner
    {
        public string Id { get; set; } = PersonId;
    }

    /// <summary>Waits until the answer being streamed (a live-steering regeneration included) has been saved and shown.</summary>
    public async Task<Message> AnswerAsync(TimeSpan? timeout = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(20);
        await Steering.Pending.WaitAsync(wait);
        await Explore.Answer.WaitAsync(wait);
        return Explore.Messages[^1];
    }

    private static T Configure<T>(T options, Action<T>? configure)
    {
        configure?.Invoke(options);
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
