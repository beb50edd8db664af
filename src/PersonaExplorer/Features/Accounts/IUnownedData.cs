namespace PersonaExplorer.Features.Accounts;

/// <summary>
/// Rows written before the app knew about people (a single-user database from an earlier version) have no owner.
/// They are given to the first admin: called once that account exists (at set-up, and at start for an existing
/// database). Idempotent: rows that already have an owner are never touched.
/// </summary>
public interface IUnownedData
{
    Task GiveToAsync(string ownerId, CancellationToken ct = default);
}

/// <summary>Registered until ownership exists; replaced by the real implementation.</summary>
internal sealed class NoUnownedData : IUnownedData
{
    public Task GiveToAsync(string ownerId, CancellationToken ct = default) => Task.CompletedTask;
}
