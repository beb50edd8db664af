using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Limits;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Limits;

/// <summary>
/// Budgets live in the database the run uses (SQLite, or PostgreSQL in the suite's second run): each "instance" below is
/// its own <see cref="PersonBudgets"/> over its own context factory and connection pool, as two app instances are.
/// </summary>
public sealed class PersonBudgetsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-budgets-").FullName;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        // Pooled: the concurrency test runs many charges at once, as an instance under load does.
        _connectionString = TestDatabase.NewConnectionString(_dir, sqliteExtra: "Pooling=True");
        await using var db = Factory().CreateDbContext();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private IDbContextFactory<PersonaDbContext> Factory() => PersonaDatabase.CreateFactory(TestDatabase.Provider, _connectionString);

    /// <summary>One app instance's budgets on the shared database.</summary>
    private PersonBudgets Instance(Action<LimitsOptions>? configure = null)
    {
        var options = new LimitsOptions();
        configure?.Invoke(options);
        return new PersonBudgets(Factory(), Options.Create(options), _clock);
    }

    [Fact]
    public async Task Messages_over_the_window_are_refused_with_the_wait_and_allowed_again_once_it_passes()
    {
        var budgets = Instance(o => (o.MessagesPerWindow, o.MessageWindowSeconds) = (3, 60));

        for (var i = 0; i < 3; i++) Assert.Null(await budgets.TrySpendAsync("ana", ModelAction.Message));
        _clock.Advance(TimeSpan.FromSeconds(20));
        var refused = await budgets.TrySpendAsync("ana", ModelAction.Message);

        Assert.Contains("more than 3 messages in 60 seconds", refused);
        Assert.Contains("Wait 40 s", refused);
        _clock.Advance(TimeSpan.FromSeconds(41));
        Assert.Null(await budgets.TrySpendAsync("ana", ModelAction.Message));
    }

    [Fact]
    public async Task One_persons_burst_leaves_everyone_else_their_whole_budget()
    {
        var budgets = Instance(o => o.MessagesPerWindow = 2);
        await budgets.TrySpendAsync("ana", ModelAction.Message);
        await budgets.TrySpendAsync("ana", ModelAction.Message);

        Assert.NotNull(await budgets.TrySpendAsync("ana", ModelAction.Regenerate));
        Assert.Null(await budgets.TrySpendAsync("ben", ModelAction.Message));
        Assert.Null(await budgets.TrySpendAsync("participant:0042", ModelAction.Message));
        Assert.Null(await budgets.TrySpendAsync("ana", ModelAction.WhyThis)); // the window counts messages only
    }

    [Fact]
    public async Task The_day_budget_counts_every_kind_of_model_work_and_renews_at_midnight_utc()
    {
        var budgets = Instance(o => o.ModelActionsPerDay = 3);
        Assert.Null(await budgets.TrySpendAsync("ana", ModelAction.WhyThis));
        Assert.Null(await budgets.TrySpendAsync("ana", ModelAction.AbCompare));
        Assert.Null(await budgets.TrySpendAsync("ana", ModelAction.LiveSteering));

        Assert.Contains("today's model budget", await budgets.TrySpendAsync("ana", ModelAction.BuildFromText));
        Assert.Equal(3, (await budgets.TodayAsync("ana")).Actions); // a refusal is not charged

        _clock.Advance(TimeSpan.FromHours(12));
        Assert.Equal(0, (await budgets.TodayAsync("ana")).Actions);
        Assert.Null(await budgets.TrySpendAsync("ana", ModelAction.Message));
        Assert.Equal(1, (await budgets.TodayAsync("ana")).Actions);
    }

    [Fact]
    public async Task Tokens_used_beyond_the_day_budget_stop_new_work_until_the_next_day()
    {
        var budgets = Instance(o => o.TokensPerDay = 10_000);
        Assert.Null(await budgets.TrySpendAsync("ana", ModelAction.Message));
        await budgets.AddTokensAsync("ana", 6_000);
        await budgets.AddTokensAsync("ana", 4_000);

        Assert.Equal((1, 10_000L), await budgets.TodayAsync("ana"));
        Assert.Contains("tokens", await budgets.TrySpendAsync("ana", ModelAction.Message));
        Assert.Null(await budgets.TrySpendAsync("ben", ModelAction.Message));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(await budgets.TrySpendAsync("ana", ModelAction.Message));
    }

    [Fact]
    public async Task A_budget_spent_on_one_instance_is_refused_on_the_other_and_survives_a_restart()
    {
        var first = Instance(o => o.ModelActionsPerDay = 4);
        var second = Instance(o => o.ModelActionsPerDay = 4);

        Assert.Null(await first.TrySpendAsync("ana", ModelAction.Message));
        Assert.Null(await second.TrySpendAsync("ana", ModelAction.WhyThis));
        Assert.Null(await first.TrySpendAsync("ana", ModelAction.AbCompare));
        Assert.Null(await second.TrySpendAsync("ana", ModelAction.Message));

        Assert.Contains("today's model budget", await second.TrySpendAsync("ana", ModelAction.Message));
        Assert.Contains("today's model budget", await first.TrySpendAsync("ana", ModelAction.Message));
        var restarted = Instance(o => o.ModelActionsPerDay = 4);
        Assert.Contains("today's model budget", await restarted.TrySpendAsync("ana", ModelAction.LiveSteering));
        Assert.Equal(4, (await restarted.TodayAsync("ana")).Actions);
        Assert.Null(await restarted.TrySpendAsync("ben", ModelAction.Message));
    }

    [Fact]
    public async Task Two_instances_charging_one_person_at_the_same_moment_never_give_out_more_than_the_window()
    {
        const int limit = 10;
        var instances = new[] { Instance(o => o.MessagesPerWindow = limit), Instance(o => o.MessagesPerWindow = limit) };
        // Prime both pools and the row, so the race below is on the update itself.
        Assert.Null(await instances[0].TrySpendAsync("ana", ModelAction.WhyThis));
        Assert.Null(await instances[1].TrySpendAsync("ana", ModelAction.WhyThis));

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var charges = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await instances[i % 2].TrySpendAsync("ana", ModelAction.Message);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(charges);

        Assert.Equal(limit, results.Count(r => r is null));
        Assert.All(results.Where(r => r is not null), r => Assert.Contains($"more than {limit} messages", r));
        Assert.Equal(2 + limit, (await instances[0].TodayAsync("ana")).Actions); // every refusal charged nothing
    }
}
