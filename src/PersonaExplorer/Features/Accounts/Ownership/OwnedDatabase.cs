using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Accounts.Ownership;

/// <summary>
/// Contexts that see only the current person's rows: the model's query filters (see <see cref="PersonaDbContext.Owner"/>)
/// hide everyone else's profiles, sessions, events and everything reached through them, so an id that is not yours
/// behaves exactly like one that does not exist; new profiles, sessions and events get the person as owner.
/// Scoped: one per circuit or request.
/// </summary>
public sealed class OwnedDatabase(IDbContextFactory<PersonaDbContext> factory, CurrentPerson person) : IDbContextFactory<PersonaDbContext>
{
    public CurrentPerson Person => person;

    // Sync callers exist only in tools; the owner of a circuit or request is known without waiting.
    public PersonaDbContext CreateDbContext() => CreateDbContextAsync().GetAwaiter().GetResult();

    public async Task<PersonaDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        var owner = await person.OwnerIdAsync();
        var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Owner = owner;
        return db;
    }
}
