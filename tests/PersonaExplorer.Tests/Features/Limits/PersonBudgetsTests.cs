using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PersonaExplorer.Features.Limits;

namespace PersonaExplorer.Tests.Features.Limits;

public class PersonBudgetsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private PersonBudgets Budgets(Action<LimitsOptions>? configure = null)
    {
        var options = new LimitsOptions();
        configure?.Invoke(options);
        return new PersonBudgets(Options.Create(options), _clock);
    }

    [Fact]
    public void Messages_over_the_window_are_refused_with_the_wait_and_allowed_again_once_it_passes()
    {
        var budgets = Budgets(o => (o.MessagesPerWindow, o.MessageWindowSeconds) = (3, 60));

        for (var i = 0; i < 3; i++) Assert.Null(budgets.TrySpend("ana", ModelAction.Message));
        var refused = budgets.TrySpend("ana", ModelAction.Message);

        Assert.Contains("more than 3 messages in 60 seconds", refused);
        Assert.Contains("Wait 60 s", refused);
        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(budgets.TrySpend("ana", ModelAction.Message));
    }

    [Fact]
    public void One_persons_burst_leaves_everyone_else_their_whole_budget()
    {
        var budgets = Budgets(o => o.MessagesPerWindow = 2);
        budgets.TrySpend("ana", ModelAction.Message);
        budgets.TrySpend("ana", ModelAction.Message);

        Assert.NotNull(budgets.TrySpend("ana", ModelAction.Regenerate));
        Assert.Null(budgets.TrySpend("ben", ModelAction.Message));
        Assert.Null(budgets.TrySpend("participant:0042", ModelAction.Message));
    }

    [Fact]
    public void The_day_budget_counts_every_kind_of_model_work_and_renews_at_midnight_utc()
    {
        var budgets = Budgets(o => o.ModelActionsPerDay = 3);
        Assert.Null(budgets.TrySpend("ana", ModelAction.WhyThis));
        Assert.Null(budgets.TrySpend("ana", ModelAction.AbCompare));
        Assert.Null(budgets.TrySpend("ana", ModelAction.LiveSteering));

        Assert.Contains("today's model budget", budgets.TrySpend("ana", ModelAction.BuildFromText));
        Assert.Equal(3, budgets.Today("ana").Actions); // a refusal is not charged

        _clock.Advance(TimeSpan.FromHours(12));
        Assert.Null(budgets.TrySpend("ana", ModelAction.Message));
    }

    [Fact]
    public void Tokens_used_beyond_the_day_budget_stop_new_work()
    {
        var budgets = Budgets(o => o.TokensPerDay = 10_000);
        Assert.Null(budgets.TrySpend("ana", ModelAction.Message));
        budgets.AddTokens("ana", 10_000);

        Assert.Contains("tokens", budgets.TrySpend("ana", ModelAction.Message));
        Assert.Null(budgets.TrySpend("ben", ModelAction.Message));
    }
}
