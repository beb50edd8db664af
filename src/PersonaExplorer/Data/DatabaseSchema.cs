using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Data;

/// <summary>One set of committed migrations in the app's database (the app's model; researcher accounts and keys).</summary>
public interface IDatabaseSchema
{
    string Name { get; }
    Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken ct);
    Task MigrateAsync(CancellationToken ct);

    /// <summary>A context of this schema on any database (the SQLite → PostgreSQL copy reads one and writes the other).</summary>
    DbContext Open(DataProvider provider, string connectionString);
}

internal sealed class PersonaSchema(IDbContextFactory<PersonaDbContext> factory) : IDatabaseSchema
{
    public string Name => "app";

    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return [.. await db.Database.GetPendingMigrationsAsync(ct)];
    }

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
    }

    public DbContext Open(DataProvider provider, string connectionString) =>
        PersonaDatabase.CreateFactory(provider, connectionString).CreateDbContext();
}
