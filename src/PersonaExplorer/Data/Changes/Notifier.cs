namespace PersonaExplorer.Data.Changes;

/// <summary>
/// The one notification style of the app's state services: <see cref="Subscribe"/> returns an <see cref="IDisposable"/>
/// (dispose it in the component's Dispose), and one failing subscriber is logged and never skips the others nor fails
/// the change that raised the notification (which is already saved).
/// </summary>
public sealed class Notifier<T>(ILogger? logger = null)
{
    private readonly Lock _gate = new();
    private Func<T, Task>[] _subscribers = [];

    public IDisposable Subscribe(Func<T, Task> handler)
    {
        lock (_gate) _subscribers = [.. _subscribers, handler];
        return new Subscription(() =>
        {
            lock (_gate) _subscribers = [.. _subscribers.Where(s => s != handler)];
        });
    }

    public async Task NotifyAsync(T value)
    {
        foreach (var handler in _subscribers)
        {
            try { await handler(value); }
            catch (ObjectDisposedException) { } // a component (or its circuit) went away between the change and the notification
            catch (Exception e) { logger?.LogWarning(e, "A subscriber failed to handle a change notification"); }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}

/// <summary>A <see cref="Notifier{T}"/> whose notifications carry nothing ("something changed: re-read").</summary>
public sealed class Notifier(ILogger? logger = null)
{
    private readonly Notifier<bool> _inner = new(logger);

    public IDisposable Subscribe(Func<Task> handler) => _inner.Subscribe(_ => handler());

    public Task NotifyAsync() => _inner.NotifyAsync(true);
}
