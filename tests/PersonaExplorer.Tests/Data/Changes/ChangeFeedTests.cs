using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using PersonaExplorer.Data;
using PersonaExplorer.Data.Changes;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Data.Changes;

/// <summary>Changes that cross circuits: in-process for one instance, through PostgreSQL NOTIFY between instances.</summary>
public sealed class ChangeFeedTests
{
    private static Func<ValueTask<string>> Owner(string id) => () => ValueTask.FromResult(id);

    [Fact]
    public async Task In_process_subscribers_get_each_payload_of_their_topic_until_they_unsubscribe()
    {
        var feed = new InProcessChangeFeed();
        var got = new List<string>();
        var subscription = feed.Subscribe("proposals", Owner("ann"), p => { got.Add(p); return Task.CompletedTask; });
        feed.Subscribe("other", Owner("ann"), _ => throw new InvalidOperationException("a failing subscriber of another topic"));

        await feed.PublishAsync("proposals", "ann", "a");
        await feed.PublishAsync("other", "ann", "x");
        subscription.Dispose();
        await feed.PublishAsync("proposals", "ann", "b");

        Assert.Equal(["a"], got);
    }

    [Fact]
    public async Task A_subscriber_hears_only_the_changes_of_its_own_owner()
    {
        var feed = new InProcessChangeFeed();
        var ann = new List<string>();
        var bob = new List<string>();
        using var a = feed.Subscribe("profiles", Owner("ann"), p => { ann.Add(p); return Task.CompletedTask; });
        using var b = feed.Subscribe("profiles", Owner("bob"), p => { bob.Add(p); return Task.CompletedTask; });

        await feed.PublishAsync("profiles", "ann", "ann's profile");
        await feed.PublishAsync("profiles", "bob", "bob's profile");

        Assert.Equal(["ann's profile"], ann);
        Assert.Equal(["bob's profile"], bob);
    }

    [Fact]
    public async Task A_scope_nobody_signed_in_to_hears_nothing_and_logs_nothing()
    {
        var log = new FakeLogger();
        var feed = new InProcessChangeFeed(log);
        var heard = 0;
        using var _ = feed.Subscribe("profiles", () => throw new UnauthorizedAccessException("nobody signed in"), _ => { heard++; return Task.CompletedTask; });

        await feed.PublishAsync("profiles", "ann", "x");

        Assert.Equal(0, heard);
        Assert.Empty(log.Collector.GetSnapshot());
    }

    [Fact]
    public async Task A_subscriber_whose_circuit_is_gone_is_skipped_quietly_and_the_others_still_hear()
    {
        // The feed delivers through the app's one subscription mechanism (Notifier): a disposed circuit is no failure.
        var log = new FakeLogger();
        var feed = new InProcessChangeFeed(log);
        var heard = new List<string>();
        using var gone = feed.Subscribe("proposals", Owner("ann"), _ => throw new ObjectDisposedException("circuit"));
        using var broken = feed.Subscribe("proposals", Owner("ann"), _ => throw new InvalidOperationException("a panel broke"));
        using var open = feed.Subscribe("proposals", Owner("ann"), p => { heard.Add(p); return Task.CompletedTask; });

        await feed.PublishAsync("proposals", "ann", "p1");

        Assert.Equal(["p1"], heard);
        var warning = Assert.Single(log.Collector.GetSnapshot());
        Assert.IsType<InvalidOperationException>(warning.Exception);
    }

    private static (ChangeFeed Feed, PostgreSqlChangeListener Listener) Instance(string connectionString)
    {
        var options = Options.Create(new DataOptions { Provider = DataProvider.PostgreSQL, ConnectionString = connectionString });
        var feed = new ChangeFeed(options, NullLogger<ChangeFeed>.Instance);
        return (feed, new PostgreSqlChangeListener(feed, options, NullLogger<PostgreSqlChangeListener>.Instance));
    }

    [Fact]
    public async Task With_PostgreSQL_a_change_published_on_one_instance_reaches_the_other_once_and_the_sender_once()
    {
        // Always on a PostgreSQL server (tests/run.sh starts one for both runs): this is the cross-instance transport itself.
        var database = TestDatabase.CreatePostgreSqlDatabase();
        var (one, oneListener) = Instance(database);
        var (two, twoListener) = Instance(database);
        await oneListener.StartAsync(default);
        await twoListener.StartAsync(default);
        try
        {
            await Task.WhenAll(oneListener.Listening, twoListener.Listening).WaitAsync(TimeSpan.FromSeconds(20));
            var onOne = new List<string>();
            var onTwo = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            one.Subscribe("proposals", Owner("ann"), p => { lock (onOne) onOne.Add(p); return Task.CompletedTask; });
            two.Subscribe("proposals", Owner("ann"), p => { onTwo.TrySetResult(p); return Task.CompletedTask; });

            await one.PublishAsync("proposals", "bob", "not ann's");
            await one.PublishAsync("proposals", "ann", "profile-1");

            Assert.Equal("profile-1", await onTwo.Task.WaitAsync(TimeSpan.FromSeconds(10)));
            await Task.Delay(300); // the sender's own NOTIFY comes back too and must not be delivered twice
            lock (onOne) Assert.Equal(["profile-1"], onOne);
        }
        finally
        {
            await oneListener.StopAsync(default);
            await twoListener.StopAsync(default);
            await one.DisposeAsync();
            await two.DisposeAsync();
        }
    }
}
