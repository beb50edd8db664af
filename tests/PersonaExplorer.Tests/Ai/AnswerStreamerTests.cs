using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Tests.Ai.Fakes;

namespace PersonaExplorer.Tests.Ai;

/// <summary>
/// The streaming loop against the fake provider: a first-token and an idle timeout instead of one whole-answer timeout,
/// so a slow start or a stalled stream ends with what arrived, and a long answer that keeps arriving is never cut.
/// </summary>
public class AnswerStreamerTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = default!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private AnswerStreamer Streamer(int firstTokenSeconds, int idleSeconds, AiProvider provider = AiProvider.OpenAI)
    {
        var options = new AiOptions { MaxRetries = 0 }.PointAt(_server, provider);
        options.Calls.Chat.FirstTokenTimeoutSeconds = firstTokenSeconds;
        options.Calls.Chat.IdleTimeoutSeconds = idleSeconds;
        return new AnswerStreamer(AiExtensions.CreateChatClient(options), Options.Create(options), NullLogger<AnswerStreamer>.Instance);
    }

    private static Task<AnswerResult> AskAsync(AnswerStreamer streamer, CancellationToken stop = default) =>
        streamer.StreamAsync([new ChatMessage(ChatRole.User, "Plan a weekend in Porto")], _ => { }, TimeSpan.Zero, stop);

    [Theory]
    [InlineData(AiProvider.OpenAI)]
    [InlineData(AiProvider.AzureOpenAI)]
    public async Task A_provider_that_never_starts_fails_after_the_first_token_timeout_with_a_retryable_message(AiProvider provider)
    {
        _server.DefaultReply = FakeReply.NeverAnswer();

        var result = await AskAsync(Streamer(firstTokenSeconds: 1, idleSeconds: 30, provider)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(MessageStatus.Failed, result.Status);
        Assert.Equal("", result.Text);
        Assert.Null(result.FirstTokenMs);
        Assert.Contains("did not start answering within 1 s", result.Error);
        Assert.InRange(result.DurationMs, 900, 15_000);
    }

    [Theory]
    [InlineData(AiProvider.OpenAI)]
    [InlineData(AiProvider.AzureOpenAI)]
    public async Task A_stream_that_stalls_keeps_what_arrived_and_says_it_stopped(AiProvider provider)
    {
        _server.DefaultReply = FakeReply.StallMidStream("Here are three ideas for your weekend in Porto", afterChunks: 4);

        var result = await AskAsync(Streamer(firstTokenSeconds: 30, idleSeconds: 1, provider)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(MessageStatus.Failed, result.Status);
        Assert.Equal("Here are three ideas ", result.Text);
        Assert.NotNull(result.FirstTokenMs);
        Assert.Contains("stopped sending for 1 s", result.Error);
        Assert.Contains("What arrived is kept", result.Error);
    }

    [Fact]
    public async Task A_long_answer_that_keeps_arriving_outlasts_both_timeouts()
    {
        // 24 words, 250 ms apart: ~6 s of streaming, many times the idle timeout (the first-token wait covers a cold start).
        _server.DefaultReply = FakeReply.Normal(string.Join(' ', Enumerable.Repeat("word", 24)), tokenDelay: TimeSpan.FromMilliseconds(250));

        var result = await AskAsync(Streamer(firstTokenSeconds: 15, idleSeconds: 1)).WaitAsync(TimeSpan.FromSeconds(40));

        Assert.True(result.Status == MessageStatus.Complete, $"{result.Status}: {result.Error}");
        Assert.Equal(24, result.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(result.DurationMs - result.FirstTokenMs > 4000, $"the answer streamed for {result.DurationMs - result.FirstTokenMs} ms");
    }

    [Fact]
    public async Task Stopping_is_a_cancellation_not_a_timeout()
    {
        _server.DefaultReply = FakeReply.StallMidStream("Here are three ideas", afterChunks: 2);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var result = await AskAsync(Streamer(firstTokenSeconds: 30, idleSeconds: 30), stop.Token).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(MessageStatus.Cancelled, result.Status);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(601)]
    public void Timeouts_out_of_range_name_the_setting(int seconds)
    {
        var options = new AiOptions();
        options.Calls.Chat.FirstTokenTimeoutSeconds = seconds;
        options.Calls.Steering.IdleTimeoutSeconds = seconds;
        var failures = AiOptionsValidator.Failures(options).ToList();
        Assert.Contains("Ai:Calls:Chat:FirstTokenTimeoutSeconds must be between 1 and 600.", failures);
        Assert.Contains("Ai:Calls:Steering:IdleTimeoutSeconds must be between 1 and 600.", failures);
    }
}
