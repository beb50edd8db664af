using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Tests.Ai;

/// <summary>A callback-driven fake model: records what it was sent, answers with what the test scripts.</summary>
public sealed class ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, string> answer) : IChatClient
{
    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        lock (Calls) Calls.Add(sent);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(sent, options))));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        lock (Calls) Calls.Add(sent);
        foreach (var word in answer(sent, options).Split(' '))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word + " ");
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
