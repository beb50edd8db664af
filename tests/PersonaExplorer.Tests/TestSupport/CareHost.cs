using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>
/// The CARE services as the app registers them (<see cref="CareExtensions.AddCare(IServiceCollection)"/>) over a
/// migrated SQLite file of its own, the shared MiniLM embedder and a <see cref="AgentChatClient"/>.
/// </summary>
public sealed class CareHost : IAsyncDisposable
{
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"care-test-{Guid.NewGuid():N}.db");
    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;

    private CareHost(Dictionary<string, string?>? settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(PersonaDatabase.CreateFactory(TestDatabase.Provider, TestDatabase.IsPostgreSql ? TestDatabase.CreatePostgreSqlDatabase() : $"Data Source={_dbPath};Pooling=False;Default Timeout=30"));
        services.AddSingleton<EventLog>();
        services.AddSingleton(SharedEmbedder.MiniLm);
        // The foundation's workspace services the panels work with (chat, sessions, profile).
        services.AddSingleton(Options.Create(new AiOptions()));
        services.AddSingleton(Options.Create(new ExploreOptions()));
        services.AddSingleton(ModelInfo.Offline);
        services.AddProfileServices();
        services.AddExploreServices(); // as the app registers them
        services.AddSingleton(sp => new AgentChatClient(sp.GetServices<IOfflineStructuredResponder>()));
        services.AddSingleton<IChatClient>(sp => sp.GetRequiredService<AgentChatClient>());
        services.AddSingleton<PersonaExplorer.Data.Changes.IChangeFeed>(new PersonaExplorer.Data.Changes.InProcessChangeFeed()); // one feed for every circuit, as in the app
        _root = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _scope = _root.CreateAsyncScope();
        // The host's own circuit is one signed-in person's, as every circuit of the app is (the stores refuse nobody).
        _scope.ServiceProvider.GetRequiredService<PersonaExplorer.Features.Accounts.Ownership.CurrentPerson>().ActAs(PersonId);
    }

    /// <summary>The owner id of what the host's own circuit makes.</summary>
    public const string PersonId = "care-host-person";

    public static async Task<CareHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var host = new CareHost(settings);
        await using var db = await host.Db();
        await db.Database.MigrateAsync();
        return host;
    }

    public IServiceProvider Services => _scope.ServiceProvider;

    private readonly List<AsyncServiceScope> _people = [];

    /// <summary>Another circuit of the same app that works as <paramref name="ownerId"/> (as a signed-in person's would).</summary>
    public IServiceProvider As(string ownerId)
    {
        var scope = _root.CreateAsyncScope();
        _people.Add(scope);
        scope.ServiceProvider.GetRequiredService<PersonaExplorer.Features.Accounts.Ownership.CurrentPerson>().ActAs(ownerId);
        return scope.ServiceProvider;
    }
    public AgentChatClient Model => Services.GetRequiredService<AgentChatClient>();
    public CareOrchestrator Orchestrator => Services.GetRequiredService<CareOrchestrator>();
    public CareActions Actions => Services.GetRequiredService<CareActions>();
    public CareState State => Services.GetRequiredService<CareState>();
    public CareTurns Turns => Services.GetRequiredService<CareTurns>();
    public ExploreState Explore => Services.GetRequiredService<ExploreState>();

    /// <summary>Runs the panel agents for a user message of a session, steered as the chat would steer its answer.</summary>
    public async Task StartTurnAsync(Guid sessionId, Guid userMessageId)
    {
        await Turns.EnsureSessionAsync(sessionId, (await Services.GetRequiredService<ProfileState>().CurrentAsync()).Id);
        await Turns.StartTurnAsync(sessionId, userMessageId, await Turns.ContextAsync(sessionId));
    }

    public Task<PersonaDbContext> Db() => Services.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync();

    /// <summary>A session with the given user/assistant messages (alternating, user first); returns it and the last user message.</summary>
    public async Task<(Guid SessionId, Guid LastUserMessageId)> SessionAsync(params string[] messages)
    {
        await using var db = await Db();
        var session = new ExplorationSession { OwnerId = await Services.GetRequiredService<PersonaExplorer.Features.Accounts.Ownership.CurrentPerson>().OwnerIdAsync() };
        db.Sessions.Add(session);
        Guid lastUser = Guid.Empty;
        for (var i = 0; i < messages.Length; i++)
        {
            var m = new Message { SessionId = session.Id, Sequence = i, Role = i % 2 == 0 ? MessageRole.User : MessageRole.Assistant, Content = messages[i] };
            if (m.Role == MessageRole.User) lastUser = m.Id;
            db.Messages.Add(m);
        }
        await db.SaveChangesAsync();
        await Actions.LoadSessionAsync(session.Id);
        return (session.Id, lastUser);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var person in _people) await person.DisposeAsync();
        await _scope.DisposeAsync();
        // The embedder is shared by the test run: the root provider does not own it (registered as an instance).
        await _root.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_dbPath + suffix);
    }
}
