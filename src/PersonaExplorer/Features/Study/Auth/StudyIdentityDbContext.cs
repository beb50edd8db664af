using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PersonaExplorer.Features.Study.Auth;

/// <summary>
/// Researcher accounts (ASP.NET Core Identity). Same database file as <see cref="Data.PersonaDbContext"/>,
/// its own migrations and migrations-history table, so it never conflicts with the app's migrations.
/// </summary>
public sealed class StudyIdentityDbContext(DbContextOptions<StudyIdentityDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    public const string HistoryTable = "__StudyIdentityMigrationsHistory";
}

/// <summary>Used only by `dotnet ef migrations add … --context StudyIdentityDbContext`.</summary>
internal sealed class StudyIdentityDesignTimeFactory : IDesignTimeDbContextFactory<StudyIdentityDbContext>
{
    public StudyIdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StudyIdentityDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(StudyIdentityDbContext.HistoryTable)).Options);
}
