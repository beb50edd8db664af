using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai.Embeddings;

namespace PersonaExplorer.Ai.Offline;

/// <summary>
/// The built-in model used when no provider is configured. Deterministic (no randomness, no clock in the content),
/// and it really uses what it is sent: the concepts and confirmed needs fenced in the system prompt, and the last
/// user message, both read by meaning (<see cref="OfflineUnderstanding"/>). Structured-output requests are answered by
/// the registered <see cref="IOfflineStructuredResponder"/>s or with a minimal value that is valid for the requested schema.
/// </summary>
public sealed partial class OfflineDemoChatClient : IChatClient
{
    private readonly int _tokenDelayMs;
    private readonly IReadOnlyList<IOfflineStructuredResponder> _responders;
    private readonly OfflineUnderstanding _understanding;
    private readonly MiniLmTextEmbedder? _ownEmbedder;
    private readonly ChatClientMetadata _metadata = new("offline-demo", null, ModelInfo.OfflineModelName);

    public OfflineDemoChatClient(IOptions<AiOptions> options, IEnumerable<IOfflineStructuredResponder> responders, ITextEmbedder embedder)
        : this(embedder, options.Value.OfflineTokenDelayMs, responders)
    {
    }

    /// <param name="embedder">The local sentence model the demo model reads requests and concepts with (null: a MiniLM model of its own, disposed with the client).</param>
    /// <param name="tokenDelayMs">Delay between streamed tokens (0 = as fast as possible).</param>
    /// <param name="responders">Structured-output responders, asked in order.</param>
    public OfflineDemoChatClient(ITextEmbedder? embedder, int tokenDelayMs = 0, IEnumerable<IOfflineStructuredResponder>? responders = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokenDelayMs);
        _tokenDelayMs = tokenDelayMs;
        _responders = responders?.ToList() ?? [];
        if (embedder is null) embedder = _ownEmbedder = new MiniLmTextEmbedder();
        _understanding = new OfflineUnderstanding(embedder);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sent = messages.ToList();
        var text = await AnswerAsync(sent, options, cancellationToken).ConfigureAwait(false);
        var message = new ChatMessage(ChatRole.Assistant, text) { MessageId = MessageId(text) };
        return new ChatResponse(message)
        {
            ModelId = ModelInfo.OfflineModelName,
            ResponseId = message.MessageId,
            FinishReason = ChatFinishReason.Stop,
            Usage = Usage(sent, text),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sent = messages.ToList();
        var text = await AnswerAsync(sent, options, cancellationToken).ConfigureAwait(false);
        var id = MessageId(text);
        var chunks = IsStructured(options) ? JsonChunks(text) : Tokens(text);

        var first = true;
        foreach (var chunk in chunks)
        {
            if (!first && _tokenDelayMs > 0)
                await Task.Delay(_tokenDelayMs, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            first = false;
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk)
            {
                MessageId = id,
                ResponseId = id,
                ModelId = ModelInfo.OfflineModelName,
            };
        }

        cancellationToken.ThrowIfCancellationRequested();
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(Usage(sent, text))])
        {
            MessageId = id,
            ResponseId = id,
            ModelId = ModelInfo.OfflineModelName,
            FinishReason = ChatFinishReason.Stop,
        };
    }

    /// <summary>Reads the catalogues with the sentence model now, so the first answer does not wait for them.</summary>
    public Task WarmUpAsync(CancellationToken ct = default) => _understanding.WarmUpAsync(ct);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return _metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose() => _ownEmbedder?.Dispose();

    private async Task<string> AnswerAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken ct)
    {
        if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            if (json.Schema is not { } schema) return "{}";
            foreach (var responder in _responders)
                if (responder.CanAnswer(json))
                    return responder.Answer(messages, json, await _understanding.ReadAsync(messages, ct).ConfigureAwait(false)).GetRawText();
            return OfflineJsonSample.For(schema);
        }
        return OfflineDemoAnswer.Compose(await _understanding.ReadAsync(messages, ct).ConfigureAwait(false));
    }

    private static bool IsStructured(ChatOptions? options) => options?.ResponseFormat is ChatResponseFormatJson;

    /// <summary>Words with their trailing whitespace, so the concatenation is exactly the text.</summary>
    internal static IEnumerable<string> Tokens(string text) => Word().Matches(text).Select(m => m.Value);

    private static IEnumerable<string> JsonChunks(string json)
    {
        const int size = 24;
        for (var i = 0; i < json.Length; i += size)
            yield return json.Substring(i, Math.Min(size, json.Length - i));
    }

    private static UsageDetails Usage(IEnumerable<ChatMessage> sent, string answer)
    {
        long input = sent.Sum(m => (long)WordCount().Count(m.Text ?? ""));
        long output = WordCount().Count(answer);
        return new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
    }

    /// <summary>A stable id from the content (FNV-1a), so the same input gives the same response id.</summary>
    private static string MessageId(string text)
    {
        var hash = 2166136261u;
        foreach (var ch in text)
            hash = (hash ^ ch) * 16777619u;
        return $"offline-{hash:x8}";
    }

    [GeneratedRegex(@"\s*\S+\s*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\S+")]
    private static partial Regex WordCount();
}
