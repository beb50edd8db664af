using Microsoft.Extensions.Options;

namespace PersonaExplorer.Ai;

/// <summary>How model requests share the provider: Auto | ChatFirst | Parallel (<c>Ai:Scheduling:Mode</c>).</summary>
public enum SchedulingMode
{
    /// <summary>ChatFirst for an OpenAI-compatible server on this machine (Ollama, llama.cpp, LM Studio, vLLM), Parallel otherwise.</summary>
    Auto,
    /// <summary>The chat request goes first; panel agents start after its first token; all requests under a concurrency cap.</summary>
    ChatFirst,
    /// <summary>Every request is sent at once (cloud endpoints serve them in parallel).</summary>
    Parallel,
}

/// <summary>The "Ai:Scheduling" section.</summary>
public sealed class SchedulingOptions
{
    public SchedulingMode Mode { get; set; } = SchedulingMode.Auto;

    /// <summary>In ChatFirst mode, how many requests the app sends to the provider at once (Ollama's OLLAMA_NUM_PARALLEL).</summary>
    public int MaxConcurrentRequests { get; set; } = 1;

    public IEnumerable<string> Failures()
    {
        if (!Enum.IsDefined(Mode))
            yield return "Ai:Scheduling:Mode must be Auto, ChatFirst or Parallel.";
        if (MaxConcurrentRequests is < 1 or > 64)
            yield return "Ai:Scheduling:MaxConcurrentRequests must be between 1 and 64.";
    }
}

/// <summary>Which queue a model request waits in: the answer a person watches, or work in the background (panel agents, curator, …).</summary>
public enum ProviderLane { Chat, Background }

/// <summary>
/// Shares the model provider between requests (one per app). A local server usually serves one request at a time, in
/// arrival order, so four panel agents sent beside the chat would put its first token behind all of them. In ChatFirst
/// mode every request takes a slot (at most <see cref="SchedulingOptions.MaxConcurrentRequests"/>), waiting chat requests
/// get the next free slot before any background request, and a turn's panel agents start only after its chat's first
/// token (<see cref="PanelsMayStartAsync"/>). In Parallel mode nothing waits.
/// </summary>
public sealed class ProviderScheduler
{
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource<IDisposable>> _chat = new();
    private readonly LinkedList<TaskCompletionSource<IDisposable>> _background = new();
    private int _running;

    public ProviderScheduler(IOptions<AiOptions> ai)
    {
        ChatFirst = IsChatFirst(ai.Value);
        Capacity = ChatFirst ? ai.Value.Scheduling.MaxConcurrentRequests : int.MaxValue;
    }

    /// <summary>True when requests are scheduled chat first (see <see cref="SchedulingMode"/>).</summary>
    public bool ChatFirst { get; }

    /// <summary>How many requests may be at the provider at once.</summary>
    public int Capacity { get; }

    /// <summary>Requests at the provider now (ChatFirst mode only; Parallel does not count).</summary>
    public int Running { get { lock (_gate) return _running; } }

    public static bool IsChatFirst(AiOptions options) => options.Scheduling.Mode switch
    {
        SchedulingMode.ChatFirst => true,
        SchedulingMode.Parallel => false,
        _ => options.Provider == AiProvider.OpenAI && AiExtensions.IsLocalEndpoint(options.Endpoint),
    };

    /// <summary>
    /// Waits for a slot at the provider; dispose the result when the request has ended (for a stream: its last token).
    /// Chat requests are served before background ones; within a lane, in arrival order.
    /// </summary>
    public ValueTask<IDisposable> EnterAsync(ProviderLane lane, CancellationToken ct)
    {
        if (!ChatFirst) return ValueTask.FromResult<IDisposable>(NoSlot.Instance);
        ct.ThrowIfCancellationRequested();
        TaskCompletionSource<IDisposable> waiter;
        LinkedListNode<TaskCompletionSource<IDisposable>> node;
        lock (_gate)
        {
            var queuedAhead = _chat.Count > 0 || (lane == ProviderLane.Background && _background.Count > 0);
            if (_running < Capacity && !queuedAhead)
            {
                _running++;
                return ValueTask.FromResult<IDisposable>(new Slot(this));
            }
            waiter = new TaskCompletionSource<IDisposable>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = (lane == ProviderLane.Chat ? _chat : _background).AddLast(waiter);
        }
        return new ValueTask<IDisposable>(WaitAsync(waiter, node, ct));
    }

    /// <summary>
    /// In ChatFirst mode, completes once the turn's chat answer has its first token (or has ended without one), so the
    /// panel agents' requests queue behind the chat's; in Parallel mode at once.
    /// </summary>
    public Task PanelsMayStartAsync(Task chatFirstToken, CancellationToken ct) =>
        ChatFirst ? chatFirstToken.WaitAsync(ct) : Task.CompletedTask;

    private async Task<IDisposable> WaitAsync(TaskCompletionSource<IDisposable> waiter, LinkedListNode<TaskCompletionSource<IDisposable>> node, CancellationToken ct)
    {
        await using var registration = ct.Register(() =>
        {
            lock (_gate)
            {
                // Already granted: the slot is the caller's and is released by its Dispose.
                if (node.List is null) return;
                node.List.Remove(node);
            }
            waiter.TrySetCanceled(ct);
        });
        return await waiter.Task.ConfigureAwait(false);
    }

    private void Release()
    {
        TaskCompletionSource<IDisposable>? next = null;
        lock (_gate)
        {
            var queue = _chat.Count > 0 ? _chat : _background.Count > 0 ? _background : null;
            if (queue is not null && _running <= Capacity)
            {
                next = queue.First!.Value;
                queue.RemoveFirst(); // the slot passes on: _running stays the same
            }
            else _running--;
        }
        next?.TrySetResult(new Slot(this));
    }

    private sealed class Slot(ProviderScheduler owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release();
        }
    }

    private sealed class NoSlot : IDisposable
    {
        public static readonly NoSlot Instance = new();
        public void Dispose() { }
    }
}
