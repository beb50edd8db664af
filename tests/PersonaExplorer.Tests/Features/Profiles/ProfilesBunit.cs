using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.Features.Profiles;

/// <summary>The profile components over the real profile services (registered as the app registers them) on a test database.</summary>
public static class ProfilesBunit
{
    public static BunitContext Create(ProfileTestDb db, IChatClient? client = null, ModelInfo? model = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDbContextFactory<PersonaDbContext>>(db);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new AiOptions()));
        services.AddSingleton(model ?? ModelInfo.Offline);
        services.AddSingleton(client ?? new OfflineDemoChatClient(SharedEmbedder.MiniLm, 0, [new ProfileCuratorOfflineResponder()]));
        services.AddSingleton<EventLog>();
        services.AddSingleton(Options.Create(new ExploreOptions()));
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddSingleton(SharedEmbedder.MiniLm);
        services.AddProfileServices();
        services.AddExploreServices(); // the concept editor shows the open session's scope
        // One circuit: the scope lives as long as the test's context.
        var circuit = services.BuildServiceProvider().CreateScope().ServiceProvider;
        circuit.GetRequiredService<PersonaExplorer.Features.Accounts.Ownership.CurrentPerson>().ActAs(ProfileTestDb.OwnerId);
        return BunitSetup.Create(circuit);
    }
}
