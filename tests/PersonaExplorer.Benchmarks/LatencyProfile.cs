using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;

namespace PersonaExplorer.Benchmarks;

/// <summary>
/// Extra fixed latency per agent on top of the fake server's time to first token, to model that a model's latency grows
/// with the length of its answer (the designer writes 2–4 cards; the ranker a short list). Added on the client side,
/// before the request is sent.
/// </summary>
public sealed class LatencyProfile(IChatClient inner, IReadOnlyDictionary<string, int> extraMsBySchema) : DelegatingChatClient(inner)
{
    public static readonly IReadOnlyDictionary<string, int> None = new Dictionary<string, int>();

    /// <summary>~2 ms per typical output token: inquiry 80, needs 250, planner 200, designer 700, ranker 120 tokens.</summary>
    public static readonly IReadOnlyDictionary<string, int> OutputProportional = new Dictionary<string, int>
    {
        [nameof(InquiryResult)] = 160,
        [nameof(NeedsAnalysis)] = 500,
        [nameof(TaskPlan)] = 400,
        [nameof(SolutionDesign)] = 1400,
        [nameof(RankingResult)] = 240,
    };

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.ResponseFormat is ChatResponseFormatJson { SchemaName: { } name } && extraMsBySchema.TryGetValue(name, out var ms))
            await Task.Delay(ms, cancellationToken);
        return await base.GetResponseAsync(messages, options, cancellationToken);
    }
}
