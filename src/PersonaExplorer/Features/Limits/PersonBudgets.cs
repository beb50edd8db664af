using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PersonaExplorer.Features.Limits;

/// <summary>What a person's budget is charged for; each counts as one model action.</summary>
public enum ModelAction { Message, Regenerate, LiveSteering, WhyThis, AbCompare, BuildFromText }

/// <summary>
/// Every person's spending of this instance (singleton): a sliding window of messages and a per-UTC-day count of model
/// actions and tokens, keyed by owner id — so one person's burst never touches another's budget. In memory and per
/// instance: behind sticky sessions a person's circuit stays on one instance, and a restart forgives the day.
/// </summary>
public sealed class PersonBudgets(IOptions<LimitsOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Ledger> _ledgers = new(StringComparer.Ordinal);

    /// <summary>Charges one action; returns null when allowed, otherwise the reason (nothing is charged then).</summary>
    public string? TrySpend(string ownerId, ModelAction action)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();
        var ledger = _ledgers.GetOrAdd(ownerId, _ => new Ledger());
        lock (ledger)
        {
            ledger.Roll(now);
            if (ledger.Tokens >= limits.TokensPerDay || ledger.Actions >= limits.ModelActionsPerDay)
                return $"You have used today's model budget ({limits.ModelActionsPerDay:N0} actions or {limits.TokensPerDay:N0} tokens). It renews at midnight UTC; nothing you typed was lost.";
            if (action is ModelAction.Message or ModelAction.Regenerate)
            {
                var window = TimeSpan.FromSeconds(limits.MessageWindowSeconds);
                while (ledger.Messages.Count > 0 && now - ledger.Messages.Peek() >= window) ledger.Messages.Dequeue();
                if (ledger.Messages.Count >= limits.MessagesPerWindow)
                {
                    var wait = Math.Max(1, (int)Math.Ceiling((window - (now - ledger.Messages.Peek())).TotalSeconds));
                    return $"That is more than {limits.MessagesPerWindow} messages in {limits.MessageWindowSeconds} seconds. Wait {wait} s and send again — your message is still in the box.";
                }
                ledger.Messages.Enqueue(now);
            }
            ledger.Actions++;
            return null;
        }
    }

    /// <summary>Adds the tokens a call really used (or the counted prompt when the provider does not report usage).</summary>
    public void AddTokens(string ownerId, long tokens)
    {
        if (tokens <= 0) return;
        var ledger = _ledgers.GetOrAdd(ownerId, _ => new Ledger());
        lock (ledger)
        {
            ledger.Roll(clock.GetUtcNow());
            ledger.Tokens += tokens;
        }
    }

    /// <summary>Today's use so far (actions, tokens).</summary>
    public (int Actions, long Tokens) Today(string ownerId)
    {
        if (!_ledgers.TryGetValue(ownerId, out var ledger)) return (0, 0);
        lock (ledger)
        {
            ledger.Roll(clock.GetUtcNow());
            return (ledger.Actions, ledger.Tokens);
        }
    }

    private sealed class Ledger
    {
        public DateOnly Day;
        public int Actions;
        public long Tokens;
        public readonly Queue<DateTimeOffset> Messages = new();

        public void Roll(DateTimeOffset now)
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (today == Day) return;
            Day = today;
            Actions = 0;
            Tokens = 0;
        }
    }
}
