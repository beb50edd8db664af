using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Features.Limits;
using PersonaExplorer.Tests.TestSupport;
using Xunit.Abstractions;

namespace PersonaExplorer.Tests.Features.Limits;

/// <summary>
/// Input tokens one turn costs (the chat answer, every panel agent and the curator), counted with the tokenizer on
/// what is really sent — messages and the JSON schema of structured calls — at 20 messages and 30 concepts.
/// </summary>
public class TokenBudgetPerTurnTests(ITestOutputHelper output)
{
    public const int Target = 15_000;

    [Fact]
    public async Task A_turn_at_20_messages_and_30_concepts_sends_at_most_15k_input_tokens()
    {
        var recorder = new RequestRecorder(new OfflineDemoChatClient(SharedEmbedder.MiniLm, 0, OfflineResponders()));
        await using var ws = await Workspace.CreateAsync(recorder);
        foreach (var concept in PersonaExplorer.Tests.TestSupport.SampleProfiles.ThirtyConcepts) Assert.Null(await ws.Profile.AddAsync(concept, "general"));
        for (var i = 0; i < 10; i++) await TurnAsync(ws, Requests[i % Requests.Length]);
        Assert.Equal(20, ws.Explore.Messages.Count);

        await Task.Delay(2000); // the previous turn's curator starts in the background after its answer: not this turn's cost
        lock (recorder.Requests) recorder.Requests.Clear();
        await TurnAsync(ws, "Now plan the last day with a museum and a dinner");

        var tokens = new TokenCounter();
        var perCall = recorder.Requests.Select(r => (r.Kind, Tokens: RequestRecorder.InputTokens(r, tokens))).ToList();
        foreach (var (kind, n) in perCall) output.WriteLine($"{kind,-28} {n,6:N0} tokens");
        var total = perCall.Sum(c => c.Tokens);
        output.WriteLine($"total {total:N0} input tokens in {perCall.Count} requests");
        Assert.Contains(perCall, c => c.Kind == "chat");
        Assert.True(perCall.Count >= 3, "the panel agents ran");
        Assert.InRange(total, 1, Target);
    }

    internal static async Task TurnAsync(Workspace ws, string text)
    {
        Assert.Null(await ws.Explore.SendAsync(text));
        await ws.AnswerAsync(TimeSpan.FromSeconds(60));
        await ws.Explore.PanelTurn.WaitAsync(TimeSpan.FromSeconds(60));
    }

    internal static IEnumerable<IOfflineStructuredResponder> OfflineResponders()
    {
        var services = new ServiceCollection().AddSingleton<ITextEmbedder>(SharedEmbedder.MiniLm).AddOfflineDemoModel();
        return services.BuildServiceProvider().GetServices<IOfflineStructuredResponder>().ToList();
    }

    internal static readonly string[] Requests =
    [
        "Plan a 3-day trip to Lisbon", "Where should we eat on the first evening?", "What about a day trip to Sintra?",
        "Which neighbourhood is best for a hotel?", "How do we get from the airport to the centre?",
    ];

}

/// <summary>Records every request (chat or structured) before passing it on.</summary>
internal sealed class RequestRecorder(IChatClient inner) : DelegatingChatClient(inner)
{
    public sealed record Request(string Kind, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options);

    public List<Request> Requests { get; } = [];

    public static int InputTokens(Request r, TokenCounter tokens) =>
        tokens.Count(r.Messages) + (r.Options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } ? tokens.Count(JsonSerializer.Serialize(schema)) : 0);

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (Requests) Requests.Add(new((options?.ResponseFormat as ChatResponseFormatJson)?.SchemaName ?? "structured", list, options));
        return base.GetResponseAsync(list, options, cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (Requests) Requests.Add(new("chat", list, options));
        return base.GetStreamingResponseAsync(list, options, cancellationToken);
    }
}
