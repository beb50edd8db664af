using Microsoft.AspNetCore.Mvc.Testing;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>A test class that runs against the real app (offline demo model, a database of its own), started once per test.</summary>
public abstract class RealAppTest : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-app-").FullName;

    protected WebApplicationFactory<Program> App { get; private set; } = default!;

    public Task InitializeAsync()
    {
        App = SignIn.StartApp(_dir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
