using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>One request the fake model received.</summary>
public sealed record AgentCall(string Schema, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, CancellationToken Token)
{
    public DateTime Started { get; } = DateTime.UtcNow;
    public DateTime? Ended { get; set; }
    public bool SawCancellation { get; set; }
}

/// <summary>
/// A callback-driven fake <see cref="IChatClient"/>: structured requests are routed by schema name to a handler that
/// returns the reply text (default: the offline responders); records timing, overlap and cancellation of every call.
/// </summary>
public sealed class AgentChatClient : IChatClient
{
    private readonly IReadOnlyList<IOfflineStructuredResponder> _offline;
    private readonly ConcurrentDictionary<string, Func<AgentCall, Task<string>>> _handlers = new();
    private int _active;
    private int _maxActive;

    public AgentChatClient(IEnumerable<IOfflineStructuredResponder> offline) => _offline = offline.ToList();

    public ConcurrentQueue<AgentCall> Calls { get; } = new();
    public int Active => Volatile.Read(ref _active);
    public int MaxActive => Volatile.Read(ref _maxActive);
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;
    public Func<string> StreamText { get; set; } = () => "A streamed demo answer.";

    /// <summary>Handles requests whose schema is <typeparamref name="T"/>'s name.</summary>
    public AgentChatClient OnAsync<T>(Func<AgentCall, Task<string>> handler)
    {
        _handlers[typeof(T).Name] = handler;
        return this;
    }

    public AgentChatClient On<T>(Func<AgentCall, string> handler) => OnAsync<T>(c => Task.FromResult(handler(c)));

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var format = options?.ResponseFormat as ChatResponseFormatJson;
        var call = new AgentCall(format?.SchemaName ?? "", messages.ToList(), options, cancellationToken);
        Calls.Enqueue(call);
        var now = Interlocked.Increment(ref _active);
        InterlockedMax(ref _maxActive, now);
        try
        {
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
            var text = _handlers.TryGetValue(call.Schema, out var handler)
                ? await handler(call)
                : await OfflineAsync(call, format);
            cancellationToken.ThrowIfCancellationRequested();
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
            {
                ModelId = "scripted",
                Usage = new UsageDetails { InputTokenCount = call.Messages.Sum(m => m.Text.Length) / 4, OutputTokenCount = text.Length / 4 },
            };
        }
        catch (OperationCanceledException)
        {
            call.SawCancellation = true;
            throw;
        }
        finally
        {
            call.Ended = DateTime.UtcNow;
            Interlocked.Decrement(ref _active);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var word in StreamText().Split(' '))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word + " ");
        }
    }

    private async Task<string> OfflineAsync(AgentCall call, ChatResponseFormatJson? format)
    {
        var responder = format is null ? null : _offline.FirstOrDefault(r => r.CanAnswer(format));
        if (responder is null) return "{}";
        var reading = await new OfflineUnderstanding(SharedEmbedder.MiniLm).ReadAsync(call.Messages, call.Token);
        return JsonSerializer.Serialize(responder.Answer(call.Messages, format!, reading));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}
