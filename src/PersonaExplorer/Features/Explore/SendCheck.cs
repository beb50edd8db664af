using Microsoft.Extensions.Options;
using PersonaExplorer.Features.Limits;

namespace PersonaExplorer.Features.Explore;

/// <summary>
/// Whether a message or a regenerate may go to the model now: the session's and the person's caps, then the budget
/// (charged only when the caps allow it). A refusal is a reason to show; nothing is stored.
/// </summary>
public sealed class SendCheck(SessionStore sessions, ModelBudget budget, IOptions<ExploreOptions> options, IOptions<LimitsOptions> limits)
{
    /// <summary>The longest message (<see cref="MessageValidator"/> checks it before anything is counted).</summary>
    public int MaxMessageChars => options.Value.MaxMessageChars;

    /// <param name="openSession">The session the message goes to (null: it starts a new one).</param>
    /// <returns>null when it may go (the budget is then charged), otherwise the reason.</returns>
    public async Task<string?> RefusalAsync(Guid? openSession)
    {
        // Caps before the budget: a refused message is charged nothing.
        if (openSession is { } open && await sessions.CountMessagesAsync(open) + 2 > limits.Value.MaxMessagesPerSession)
            return $"This session has reached its limit of {limits.Value.MaxMessagesPerSession:N0} messages. Start a new exploration to go on.";
        if (openSession is null && await sessions.CountSessionsAsync() >= limits.Value.MaxSessionsPerPerson)
            return $"You have {limits.Value.MaxSessionsPerPerson:N0} sessions, the most one person can keep. Delete old ones to start a new one.";
        return await budget.TrySpendAsync(ModelAction.Message);
    }

    /// <returns>null when a regenerate may go (the budget is then charged), otherwise the reason.</returns>
    public Task<string?> RegenerateRefusalAsync() => budget.TrySpendAsync(ModelAction.Regenerate);
}
