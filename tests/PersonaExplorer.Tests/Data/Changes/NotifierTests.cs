using PersonaExplorer.Data.Changes;


namespace PersonaExplorer.Tests.Data.Changes;

public class NotifierTests
{
    [Fact]
    public async Task A_failing_subscriber_neither_skips_the_others_nor_fails_the_change()
    {
        var notifier = new Notifier<string>();
        var heard = new List<string>();
        using var first = notifier.Subscribe(_ => throw new InvalidOperationException("a panel broke"));
        using var second = notifier.Subscribe(v => { heard.Add(v); return Task.CompletedTask; });

        await notifier.NotifyAsync("edited");

        Assert.Equal(["edited"], heard);
    }

    [Fact]
    public async Task A_disposed_subscription_hears_nothing_more()
    {
        var notifier = new Notifier();
        var heard = 0;
        var subscription = notifier.Subscribe(() => { heard++; return Task.CompletedTask; });
        await notifier.NotifyAsync();

        subscription.Dispose();
        subscription.Dispose(); // twice is harmless
        await notifier.NotifyAsync();

        Assert.Equal(1, heard);
    }

    [Fact]
    public async Task A_subscriber_may_unsubscribe_while_being_notified()
    {
        var notifier = new Notifier();
        var heard = 0;
        IDisposable? self = null;
        self = notifier.Subscribe(() => { heard++; self!.Dispose(); return Task.CompletedTask; });
        using var other = notifier.Subscribe(() => { heard++; return Task.CompletedTask; });

        await notifier.NotifyAsync();
        await notifier.NotifyAsync();

        Assert.Equal(3, heard);
    }
}
