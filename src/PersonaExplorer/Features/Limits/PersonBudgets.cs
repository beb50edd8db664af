using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Limits;

/// <summary>What a person's budget is charged for; each counts as one model action.</summary>
public enum ModelAction { Message, Regenerate, LiveSteering, WhyThis, AbCompare, BuildFromText }

/// <summary>
/// Every person's spending, in the database (<see cref="ModelSpend"/>, one row per owner id): a message window and a
/// per-UTC-day count of model actions and tokens. Each charge is one upsert whose condition is checked on the row it
/// updates, so two instances (or two tabs) charging the same person at once can never both take the last unit —
/// behind sticky sessions a person may still have circuits on several instances, and a restart forgives nothing.
/// The message window is fixed and starts at the first message in it: "at most N messages in the S seconds after the
/// first of them".
/// </summary>
public sealed class PersonBudgets(IDbContextFactory<PersonaDbContext> factory, IOptions<LimitsOptions> options, TimeProvider clock)
{
    /// <summary>Charges one action; returns null when allowed, otherwise the reason (nothing is charged then).</summary>
    public async Task<string?> TrySpendAsync(string ownerId, ModelAction action, CancellationToken ct = default)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();
        var (day, nowMs) = (Today(now), now.ToUnixTimeMilliseconds());
        var message = action is ModelAction.Message or ModelAction.Regenerate ? 1 : 0;
        var windowCutoff = nowMs - limits.MessageWindowSeconds * 1000L;
        var (maxActions, maxTokens, maxMessages) = (limits.ModelActionsPerDay, limits.TokensPerDay, limits.MessagesPerWindow);
        await using var db = await factory.CreateDbContextAsync(ct);
        // "Day" <> today or a window that has passed starts that count over; the WHERE sees the row as it is when locked.
        var charged = await db.Database.SqlQuery<int>($"""
            INSERT INTO "ModelSpends" ("OwnerId", "Day", "Actions", "Tokens", "WindowStartMs", "WindowMessages")
            VALUES ({ownerId}, {day}, 1, 0, {nowMs * message}, {message})
            ON CONFLICT ("OwnerId") DO UPDATE SET
                "Day" = {day},
                "Actions" = CASE WHEN "ModelSpends"."Day" = {day} THEN "ModelSpends"."Actions" + 1 ELSE 1 END,
                "Tokens" = CASE WHEN "ModelSpends"."Day" = {day} THEN "ModelSpends"."Tokens" ELSE 0 END,
                "WindowMessages" = CASE WHEN {message} = 0 THEN "ModelSpends"."WindowMessages"
                                        WHEN "ModelSpends"."WindowStartMs" <= {windowCutoff} THEN 1
                                        ELSE "ModelSpends"."WindowMessages" + 1 END,
                "WindowStartMs" = CASE WHEN {message} = 1 AND "ModelSpends"."WindowStartMs" <= {windowCutoff} THEN {nowMs}
                                       ELSE "ModelSpends"."WindowStartMs" END
            WHERE ("ModelSpends"."Day" <> {day} OR ("ModelSpends"."Actions" < {maxActions} AND "ModelSpends"."Tokens" < {maxTokens}))
              AND ({message} = 0 OR "ModelSpends"."WindowStartMs" <= {windowCutoff} OR "ModelSpends"."WindowMessages" < {maxMessages})
            RETURNING "Actions" AS "Value"
            """).ToListAsync(ct);
        if (charged.Count > 0) return null;

        // Refused (the rare path): one more read to say which limit and how long to wait.
        var spend = await db.ModelSpends.AsNoTracking().SingleAsync(x => x.OwnerId == ownerId, ct);
        if (spend.Day == day && (spend.Actions >= maxActions || spend.Tokens >= maxTokens))
            return $"You have used today's model budget ({maxActions:N0} actions or {maxTokens:N0} tokens). It renews at midnight UTC; nothing you typed was lost.";
        var wait = Math.Max(1, (int)Math.Ceiling((spend.WindowStartMs - windowCutoff) / 1000.0));
        return $"That is more than {maxMessages} messages in {limits.MessageWindowSeconds} seconds. Wait {wait} s and send again — your message is still in the box.";
    }

    /// <summary>Adds the tokens a call really used (or the counted prompt when the provider does not report usage): one statement.</summary>
    public async Task AddTokensAsync(string ownerId, long tokens, CancellationToken ct = default)
    {
        if (tokens <= 0) return;
        var day = Today(clock.GetUtcNow());
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ModelSpends" ("OwnerId", "Day", "Actions", "Tokens", "WindowStartMs", "WindowMessages")
            VALUES ({ownerId}, {day}, 0, {tokens}, 0, 0)
            ON CONFLICT ("OwnerId") DO UPDATE SET
                "Day" = {day},
                "Actions" = CASE WHEN "ModelSpends"."Day" = {day} THEN "ModelSpends"."Actions" ELSE 0 END,
                "Tokens" = CASE WHEN "ModelSpends"."Day" = {day} THEN "ModelSpends"."Tokens" + {tokens} ELSE {tokens} END
            """, ct);
    }

    /// <summary>Today's use so far (actions, tokens).</summary>
    public async Task<(int Actions, long Tokens)> TodayAsync(string ownerId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var spend = await db.ModelSpends.AsNoTracking().FirstOrDefaultAsync(x => x.OwnerId == ownerId, ct);
        return spend is not null && spend.Day == Today(clock.GetUtcNow()) ? (spend.Actions, spend.Tokens) : (0, 0);
    }

    private static int Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).DayNumber;
}
