using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Accounts;

/// <summary>
/// The app's accounts and roles (ASP.NET Core Identity), account settings (registration mode, the first-admin claim)
/// and the Data Protection key ring (shared by every instance, so a
/// cookie issued by one is read by another). Same database as <see cref="PersonaDbContext"/>, its own migrations and
/// migrations-history table, so it never conflicts with the app's migrations. One subclass per provider for the
/// provider's own migrations (Migrations/Sqlite, Migrations/PostgreSql).
/// </summary>
public abstract class StudyIdentityDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public const string HistoryTable = "__StudyIdentityMigrationsHistory";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AccountSetting> AccountSettings => Set<AccountSetting>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AccountSetting>(e =>
        {
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(64);
            e.Property(s => s.Value).HasMaxLength(256);
        });
    }

    public static DbContextOptions<StudyIdentityDbContext> Options(DataProvider provider, string connectionString, int busyTimeoutSeconds = 30) =>
        new DbContextOptionsBuilder<StudyIdentityDbContext>().UsePersonaDatabase(provider, connectionString, busyTimeoutSeconds, HistoryTable).Options;

    public static StudyIdentityDbContext Create(DataProvider provider, DbContextOptions<StudyIdentityDbContext> options) => provider switch
    {
        DataProvider.PostgreSQL => new PostgreSqlStudyIdentityDbContext(options),
        _ => new SqliteStudyIdentityDbContext(options),
    };
}

public sealed class SqliteStudyIdentityDbContext(DbContextOptions options) : StudyIdentityDbContext(options);

public sealed class PostgreSqlStudyIdentityDbContext(DbContextOptions options) : StudyIdentityDbContext(options);

/// <summary>Used only by `dotnet ef migrations add … --context SqliteStudyIdentityDbContext`.</summary>
internal sealed class SqliteStudyIdentityDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStudyIdentityDbContext>
{
    public SqliteStudyIdentityDbContext CreateDbContext(string[] args) =>
        new(StudyIdentityDbContext.Options(DataProvider.Sqlite, "Data Source=design-time.db"));
}

/// <summary>Used only by `dotnet ef migrations add … --context PostgreSqlStudyIdentityDbContext` (no server needed).</summary>
internal sealed class PostgreSqlStudyIdentityDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlStudyIdentityDbContext>
{
    public PostgreSqlStudyIdentityDbContext CreateDbContext(string[] args) =>
        new(StudyIdentityDbContext.Options(DataProvider.PostgreSQL, "Host=localhost;Database=design_time"));
}

/// <summary>One app-wide account setting. The key is unique, which is what makes claiming "first-admin" safe across processes.</summary>
public sealed class AccountSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>The account schema, migrated with the app's (see <see cref="DatabaseMigrator"/>).</summary>
internal sealed class StudyIdentitySchema(IServiceScopeFactory scopes) : IDatabaseSchema
{
    public string Name => "accounts";

    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return [.. await scope.ServiceProvider.GetRequiredService<StudyIdentityDbContext>().Database.GetPendingMigrationsAsync(ct)];
    }

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StudyIdentityDbContext>().Database.MigrateAsync(ct);
    }

    public DbContext Open(DataProvider provider, string connectionString) =>
        StudyIdentityDbContext.Create(provider, StudyIdentityDbContext.Options(provider, connectionString));
}
