using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>
/// A callback-driven fake model that records what it was sent. Either a script yields the streamed chunks
/// (and may throw or wait), or an answer function returns the whole text (streamed word by word).
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Func<IReadOnlyList<ChatMessage>, CancellationToken, IAsyncEnumerable<string>>? _script;
    private readonly Func<IReadOnlyList<ChatMessage>, ChatOptions?, string>? _answer;

    public ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, CancellationToken, IAsyncEnumerable<string>> script) => _script = script;

    public ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, string> answer) => _answer = answer;

    /// <summary>false: the stream just stops, as a connection closed mid-answer can look.</summary>
    public bool EndWithFinishReason { get; init; } = true;

    /// <summary>Every call, the CARE panel agents' included.</summary>
    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];

    /// <summary>The chat-answer calls only (the panel agents have prompts of their own).</summary>
    public List<IReadOnlyList<ChatMessage>> AnswerCalls { get { lock (Calls) return Calls.Where(IsChatAnswer).ToList(); } }

    public static bool IsChatAnswer(IReadOnlyList<ChatMessage> messages) =>
        messages.Count > 0 && messages[0].Text.StartsWith(PersonaExplorer.Ai.ChatPrompt.Instructions, StringComparison.Ordinal);

    public static ScriptedChatClient Replying(string text, int chunkDelayMs = 0) => new((_, ct) => Chunks(text, chunkDelayMs, ct));

    public static async IAsyncEnumerable<string> Chunks(string text, int delayMs, [EnumeratorCancellation] CancellationToken ct)
    {
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (delayMs > 0) await Task.Delay(delayMs, ct);
            else await Task.Yield();
            ct.ThrowIfCancellationRequested();
            yield return i < words.Length - 1 ? words[i] + " " : words[i];
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
        var sent = messages.ToList();
        lock (Calls) Calls.Add(sent);
        var chunks = _script is not null ? _script(sent, cancellationToken) : Chunks(_answer!(sent, options), 0, cancellationToken);
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
        // A model's stream ends with a finish reason; without one the app takes the answer as cut off.
        if (EndWithFinishReason) yield return new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = ChatFinishReason.Stop };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}
