using PersonaExplorer.Features.Accounts.Ownership;

namespace PersonaExplorer.Features.Limits;

/// <summary>The budget of whoever this scope (a circuit, a simulated participant) works for.</summary>
public sealed class ModelBudget(PersonBudgets budgets, CurrentPerson person)
{
    /// <returns>null when the action may start, otherwise the message to show (nothing is charged or stored then).</returns>
    public async Task<string?> TrySpendAsync(ModelAction action) => budgets.TrySpend(await person.OwnerIdAsync(), action);

    public async Task AddTokensAsync(long tokens) => budgets.AddTokens(await person.OwnerIdAsync(), tokens);
}
