using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.Ai.Fakes;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Profiles.Compare;

namespace PersonaExplorer.Tests.Features.Profiles.Compare;

public class SteeringCompareTests
{
    private static SteeringCompare Compare(IChatClient client, AiOptions? ai = null) =>
        new(new AnswerStreamer(client, Options.Create(ai ?? new AiOptions()), NullLogger<AnswerStreamer>.Instance));

    [Fact]
    public async Task Two_profiles_answer_the_same_request_and_the_diff_shows_what_the_concepts_changed()
    {
        using var client = new OfflineDemoChatClient(SharedEmbedder.MiniLm, tokenDelayMs: 1);
        var progress = new List<int>();
        var result = await Compare(client).RunAsync("Find me a restaurant for dinner",
            new CompareSide("veg", [new PromptConcept("prefers vegetarian food", "diet", 0.8)]),
            new CompareSide("plain", []),
            (side, _) => { lock (progress) progress.Add(side); return Task.CompletedTask; },
            CancellationToken.None);

        Assert.True(result.A.Complete && result.B.Complete);
        Assert.Contains("vegetarian", result.A.Text);
        Assert.DoesNotContain("vegetarian", result.B.Text);
        Assert.Contains(result.Diff, s => s.Kind == DiffKind.Removed && s.Text.Contains("vegetarian"));
        Assert.Equal(result.A.Text, SteeringDiff.Side(result.Diff, after: false));
        Assert.Equal(result.B.Text, SteeringDiff.Side(result.Diff, after: true));
        Assert.Contains(0, progress);
        Assert.Contains(1, progress);
    }

    /// <summary>Each stream waits until the other has started: a sequential implementation would time out.</summary>
    private sealed class RendezvousClient : IChatClient
    {
        private int _started;
        private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<string> Systems { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var system = messages.First(m => m.Role == ChatRole.System).Text;
            lock (Systems) Systems.Add(system);
            if (Interlocked.Increment(ref _started) == 2) _both.TrySetResult();
            await _both.Task.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, ChatPrompt.ReadConcepts(system).FirstOrDefault()?.Text ?? "none") { FinishReason = ChatFinishReason.Stop };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }

    [Fact]
    public async Task Both_answers_stream_in_parallel_each_with_its_own_fenced_profile()
    {
        var client = new RendezvousClient();
        var result = await Compare(client).RunAsync("Plan a trip",
            new CompareSide("a", [new PromptConcept("hates flying", "travel", 1)]),
            new CompareSide("b", [new PromptConcept("loves luxury", "budget", 1)]), null, CancellationToken.None);

        Assert.Equal("hates flying", result.A.Text);
        Assert.Equal("loves luxury", result.B.Text);
        Assert.Equal(2, client.Systems.Count);
        Assert.All(client.Systems, s => Assert.StartsWith(ChatPrompt.Instructions, s));
    }

    [Fact]
    public async Task Stopping_keeps_the_partial_text_and_skips_the_diff()
    {
        using var client = new OfflineDemoChatClient(SharedEmbedder.MiniLm, tokenDelayMs: 20);
        using var cts = new CancellationTokenSource();
        var result = await Compare(client).RunAsync("Plan a trip", new CompareSide("a", []), new CompareSide("b", []),
            (_, text) => { if (text.Length > 20) cts.Cancel(); return Task.CompletedTask; }, cts.Token);

        Assert.False(result.A.Complete);
        Assert.Empty(result.Diff);
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI)]
    [InlineData(AiProvider.OpenAI)]
    public async Task A_stream_cut_midway_is_shown_as_cut_and_not_diffed(AiProvider provider)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = request => request.Body.GetRawText().Contains("vegetarian")
            ? FakeReply.CutMidStream("one two three four five six seven", afterChunks: 3)
            : FakeReply.Normal("a whole answer");
        var ai = new AiOptions { MaxRetries = 0 }.PointAt(server, provider);
        using var client = AiExtensions.CreateChatClient(ai);

        var result = await Compare(client, ai).RunAsync("Find me a restaurant",
            new CompareSide("veg", [new PromptConcept("prefers vegetarian food", "diet", 0.8)]), new CompareSide("plain", []), null, CancellationToken.None);

        Assert.False(result.A.Complete);
        Assert.Equal("one two three ", result.A.Text);
        Assert.Contains("cut off", result.A.Error);
        Assert.True(result.B.Complete);
        Assert.Equal("a whole answer", result.B.Text);
        Assert.Empty(result.Diff);
    }
}
