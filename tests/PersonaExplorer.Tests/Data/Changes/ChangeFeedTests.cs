using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PersonaExplorer.Data;
using PersonaExplorer.Data.Changes;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Data.Changes;

/// <summary>Changes that cross circuits: in-process for one instance, through PostgreSQL NOTIFY between instances.</summary>
public sealed class ChangeFeedTests
{
    [Fact]
    public async Task In_process_subscribers_get_each_payload_of_their_topic_until_they_unsubscribe()
    {
        var feed = new InProcessChangeFeed();
        var got = new List<string>();
        var subscription = feed.Subscribe("proposals", p => { got.Add(p); return Task.CompletedTask; });
        feed.Subscribe("other", _ => throw new InvalidOperationException("a failing subscriber of another topic"));

        await feed.PublishAsync("proposals", "a");
        await feed.PublishAsync("other", "x");
        subscription.Dispose();
        await feed.PublishAsync("proposals", "b");

        Assert.Equal(["a"], got);
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
            one.Subscribe("proposals", p => { lock (onOne) onOne.Add(p); return Task.CompletedTask; });
            two.Subscribe("proposals", p => { onTwo.TrySetResult(p); return Task.CompletedTask; });

            await one.PublishAsync("proposals", "profile-1");

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
