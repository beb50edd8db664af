using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PersonaExplorer.Data;

/// <summary>Used only by `dotnet ef migrations add`; the app builds its context from configuration.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PersonaDbContext>
{
    public PersonaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PersonaDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
