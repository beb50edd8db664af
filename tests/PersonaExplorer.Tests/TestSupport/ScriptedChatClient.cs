using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>A callback-driven fake model: each call runs the test's script, which yields text chunks (or throws, or waits).</summary>
public sealed class ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, CancellationToken, IAsyncEnumerable<string>> script) : IChatClient
{
    /// <summary>Every call, the CARE panel agents' included.</summary>
    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];

    /// <summary>The chat-answer calls only (the panel agents have prompts of their own).</summary>
    public List<IReadOnlyList<ChatMessage>> AnswerCalls { get { lock (Calls) return Calls.Where(IsChatAnswer).ToList(); } }

    public static bool IsChatAnswer(IReadOnlyList<ChatMessage> messages) =>
        messages.Count > 0 && messages[0].Text.StartsWith(PersonaExplorer.Ai.ChatPrompt.Instructions, StringComparison.Ordinal);

    public static ScriptedChatClient Replying(string text, int chunkDelayMs = 0) => new((_, ct) => Chunks(text, chunkDelayMs, ct));

    public static async IAsyncEnumerable<string> Chunks(string text, int delayMs, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var word in text.Split(' '))
        {
            if (delayMs > 0) await Task.Delay(delayMs, ct);
            ct.ThrowIfCancellationRequested();
            yield return word + " ";
        }
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = "";
        await foreach (var u in GetStreamingResponseAsync(messages, options, cancellationToken)) text += u.Text;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (Calls) Calls.Add(list);
        await foreach (var chunk in script(list, cancellationToken).WithCancellation(cancellationToken))
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}
