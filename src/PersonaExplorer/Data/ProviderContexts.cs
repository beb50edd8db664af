using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PersonaExplorer.Data;

/// <summary>The model on SQLite; its migrations are in Data/Migrations/Sqlite.</summary>
public sealed class SqlitePersonaDbContext(DbContextOptions options) : PersonaDbContext(options);

/// <summary>The model on PostgreSQL; its migrations are in Data/Migrations/PostgreSql.</summary>
public sealed class PostgreSqlPersonaDbContext(DbContextOptions options) : PersonaDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        base.ConfigureConventions(builder);
        UtcDateTimes.Apply(builder);
    }
}

/// <summary>
/// Npgsql stores <see cref="DateTime"/> as <c>timestamp with time zone</c> and refuses values whose Kind is not UTC.
/// The app means UTC everywhere (…Utc properties), but values read from SQLite or built by hand carry Kind
/// Unspecified, so they are marked UTC on the way in and out.
/// </summary>
public static class UtcDateTimes
{
    private static readonly ValueConverter<DateTime, DateTime> Converter = new(v => AsUtc(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    public static void Apply(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTime>().HaveConversion<UtcConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    public static DateTime AsUtc(DateTime v) => v.Kind switch
    {
        DateTimeKind.Utc => v,
        DateTimeKind.Local => v.ToUniversalTime(),
        _ => DateTime.SpecifyKind(v, DateTimeKind.Utc),
    };

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(Converter.ConvertToProviderExpression, Converter.ConvertFromProviderExpression);
}

/// <summary>Used only by `dotnet ef migrations add … --context SqlitePersonaDbContext`.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePersonaDbContext>
{
    public SqlitePersonaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PersonaDbContext>().UsePersonaDatabase(DataProvider.Sqlite, "Data Source=design-time.db").Options);
}

/// <summary>Used only by `dotnet ef migrations add … --context PostgreSqlPersonaDbContext` (no server needed).</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPersonaDbContext>
{
    public PostgreSqlPersonaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PersonaDbContext>().UsePersonaDatabase(DataProvider.PostgreSQL, "Host=localhost;Database=design_time").Options);
}
