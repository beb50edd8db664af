using PersonaExplorer.Features.Accounts.Ownership;

namespace PersonaExplorer.Features.Limits;

/// <summary>The budget of whoever this scope (a circuit, a simulated participant) works for.</summary>
public sealed class ModelBudget(PersonBudgets budgets, CurrentPerson person)
{
    /// <returns>null when the action may start, otherwise the message to show (nothing is charged or stored then).</returns>
    public async Task<string?> TrySpendAsync(ModelAction action) => await budgets.TrySpendAsync(await person.OwnerIdAsync(), action);

    public async Task AddTokensAsync(long tokens) => await budgets.AddTokensAsync(await person.OwnerIdAsync(), tokens);
}
