using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace PersonaExplorer.Features.Limits;

/// <summary>
/// Counts tokens the way OpenAI's current models do (o200k_base, the gpt-4o / gpt-4o-mini encoding). Local models use
/// other vocabularies; the count is then an estimate within a few percent, which is all a budget needs.
/// </summary>
public sealed class TokenCounter
{
    /// <summary>Per-message framing tokens in OpenAI's chat format (role and separators).</summary>
    public const int PerMessageOverhead = 4;

    /// <summary>The process's one counter (the vocabulary is ~4 MB; it is read once, immutable after that). DI hands out this instance too.</summary>
    public static TokenCounter Shared { get; } = new();

    // Loading the vocabulary takes ~0.5 s: once per process, on first use. The tokenizer is thread-safe.
    private readonly Lazy<Tokenizer> _tokenizer = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    public int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.Value.CountTokens(text);

    public int Count(ChatMessage message) => PerMessageOverhead + Count(message.Text);

    public int Count(IEnumerable<ChatMessage> messages) => messages.Sum(Count);
}
