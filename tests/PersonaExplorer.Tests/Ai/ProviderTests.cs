using System.ClientModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai;
using PersonaExplorer.Tests.Ai.Fakes;

namespace PersonaExplorer.Tests.Ai;

/// <summary>The real SDK path (OpenAI / Azure OpenAI clients built by AiExtensions) against the in-process fake server.</summary>
public sealed class ProviderTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private AiOptions Options(AiProvider provider, Action<AiOptions>? change = null)
    {
        var options = new AiOptions { TimeoutSeconds = 10, MaxRetries = 3, RetryBaseDelaySeconds = 0.2, MaxRetryDelaySeconds = 1.5 }
            .PointAt(_server, provider);
        change?.Invoke(options);
        return options;
    }

    private static List<ChatMessage> Ask(string text = "Find me a restaurant") => [new(ChatRole.User, text)];

    private static async Task<string> StreamAsync(IChatClient client, CancellationToken ct = default)
    {
        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync(Ask(), cancellationToken: ct))
            text += update.Text;
        return text;
    }

    /// <summary>A safety net so a broken test fails instead of hanging.</summary>
    private static CancellationToken Guard(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    [Theory]
    [InlineData(AiProvider.AzureOpenAI, "/openai/deployments/test-deployment/chat/completions", "test-deployment", "api-key")]
    [InlineData(AiProvider.OpenAI, "/v1/chat/completions", "test-model", "Authorization")]
    public async Task A_normal_stream_is_assembled_and_the_request_has_the_provider_shape(AiProvider provider, string path, string model, string keyHeader)
    {
        _server.Enqueue(FakeReply.Normal("Three ideas for dinner tonight.", TimeSpan.FromMilliseconds(5)));
        var client = AiExtensions.CreateChatClient(Options(provider));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Ask(), cancellationToken: Guard()))
            updates.Add(update);

        Assert.Equal("Three ideas for dinner tonight.", string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 5);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(path, request.Path);
        Assert.Equal(model, request.Model);
        Assert.True(request.Stream);
        Assert.Equal("(redacted)", request.Headers[keyHeader]);
        Assert.DoesNotContain(request.Headers.Values, v => v.Contains("sk-test-secret"));
        Assert.Contains("Find me a restaurant", request.Body.GetProperty("messages").GetRawText());
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI)]
    [InlineData(AiProvider.OpenAI)]
    public async Task A_non_streaming_answer_is_read_from_the_completion_body(AiProvider provider)
    {
        _server.Enqueue(FakeReply.Normal("A complete answer."));
        var client = AiExtensions.CreateChatClient(Options(provider));

        var response = await client.GetResponseAsync(Ask(), cancellationToken: Guard());

        Assert.Equal("A complete answer.", response.Text);
        Assert.False(Assert.Single(_server.Requests).Stream);
        Assert.NotNull(response.Usage);
    }

    public sealed record Suggestion(string Title, int Score);

    [Fact]
    public async Task Structured_output_sends_a_json_schema_and_parses_the_content()
    {
        _server.Enqueue(FakeReply.Normal("""{"title":"Green Table","score":4}"""));
        var client = AiExtensions.CreateChatClient(Options(AiProvider.OpenAI));

        var response = await client.GetResponseAsync<Suggestion>(Ask(), cancellationToken: Guard());

        Assert.Equal(new Suggestion("Green Table", 4), response.Result);
        var format = Assert.Single(_server.Requests).Body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_then_succeeds()
    {
        _server.Enqueue(FakeReply.Status(429, retryAfterSeconds: 1), FakeReply.Normal("after the wait"));
        var client = AiExtensions.CreateChatClient(Options(AiProvider.AzureOpenAI));

        var text = await StreamAsync(client, Guard());

        Assert.Equal("after the wait", text);
        var gap = Assert.Single(_server.ArrivalGaps());
        Assert.InRange(gap, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(2.5));
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI)]
    [InlineData(AiProvider.OpenAI)]
    public async Task A_huge_Retry_After_is_capped(AiProvider provider)
    {
        _server.Enqueue(FakeReply.Status(429, retryAfterSeconds: 3600), FakeReply.Normal("capped"));
        var client = AiExtensions.CreateChatClient(Options(provider, o => o.MaxRetryDelaySeconds = 1));
        var watch = Stopwatch.StartNew();

        var text = await StreamAsync(client, Guard());

        Assert.Equal("capped", text);
        // Capped at 1 s instead of 3600 s; the upper bounds are loose because the machine may be busy (not a speed test).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        Assert.InRange(Assert.Single(_server.ArrivalGaps()), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI)]
    [InlineData(AiProvider.OpenAI)]
    public async Task A_429_without_Retry_After_backs_off_exponentially(AiProvider provider)
    {
        _server.Enqueue(FakeReply.Status(429), FakeReply.Status(429), FakeReply.Normal("finally"));
        var client = AiExtensions.CreateChatClient(Options(provider, o => o.MaxRetryDelaySeconds = 5));

        var text = await StreamAsync(client, Guard());

        Assert.Equal("finally", text);
        var gaps = _server.ArrivalGaps();
        Assert.Equal(2, gaps.Count);
        Assert.True(gaps[0] >= TimeSpan.FromSeconds(0.19), $"first gap {gaps[0]}");
        Assert.True(gaps[1] >= TimeSpan.FromSeconds(0.39), $"second gap {gaps[1]}");
        // 0.2 s × 2 = 0.4 s (+ ≤10 % jitter); the Azure SDK's own policy would wait 1.6 s here.
        Assert.True(gaps[1] < TimeSpan.FromSeconds(1.2), $"second gap {gaps[1]}");
    }

    [Fact]
    public async Task Retries_stop_when_the_time_budget_is_spent()
    {
        _server.DefaultReply = FakeReply.Status(429, retryAfterSeconds: 1);
        var options = Options(AiProvider.OpenAI, o => { o.MaxRetries = 10; o.TimeoutSeconds = 2; });
        var client = AiExtensions.CreateChatClient(options);
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => StreamAsync(client, Guard()));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}"); // 10 retries × 1 s would take 10 s or more
        Assert.InRange(_server.Requests.Count, 2, 4);
        Assert.Equal(ModelErrors.RateLimitedMessage, ModelErrors.Describe(ex, userCancelled: false, options));
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI)]
    [InlineData(AiProvider.OpenAI)]
    public async Task A_500_is_retried_and_then_succeeds(AiProvider provider)
    {
        _server.Enqueue(FakeReply.Status(500), FakeReply.Normal("recovered"));
        var client = AiExtensions.CreateChatClient(Options(provider));

        Assert.Equal("recovered", await StreamAsync(client, Guard()));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_provider_that_always_fails_gives_up_after_the_retries_with_a_provider_error()
    {
        _server.DefaultReply = FakeReply.Status(500);
        var options = Options(AiProvider.OpenAI, o => o.MaxRetries = 2);
        var client = AiExtensions.CreateChatClient(options);

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => StreamAsync(client, Guard()));

        Assert.Equal(500, ex.Status);
        Assert.Equal(3, _server.Requests.Count);
        var message = ModelErrors.Describe(ex, userCancelled: false, options);
        Assert.Contains("provider error", message);
        Assert.Contains("500", message);
        Assert.True(ModelErrors.IsRetryable(ex));
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI)]
    [InlineData(AiProvider.OpenAI)]
    public async Task A_401_is_not_retried_and_names_the_key_setting(AiProvider provider)
    {
        _server.Enqueue(FakeReply.Status(401));
        var options = Options(provider);
        var client = AiExtensions.CreateChatClient(options);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => StreamAsync(client, Guard()));

        Assert.Single(_server.Requests);
        var error = ModelErrors.Classify(ex, userCancelled: false, options);
        Assert.Equal(ModelErrorKind.Unauthorized, error.Kind);
        Assert.Contains("API key", error.Message);
        Assert.Contains("Ai:ApiKey", error.Message);
        Assert.DoesNotContain("sk-test-secret", error.Message);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task An_azure_content_filter_refusal_gets_the_content_filter_message()
    {
        _server.Enqueue(FakeReply.ContentFilter());
        var client = AiExtensions.CreateChatClient(Options(AiProvider.AzureOpenAI));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => StreamAsync(client, Guard()));

        var error = ModelErrors.Classify(ex, userCancelled: false);
        Assert.Equal(ModelErrorKind.ContentFilter, error.Kind);
        Assert.Contains("content filter", error.Message);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI)]
    [InlineData(AiProvider.OpenAI)]
    public async Task A_stream_cut_midway_surfaces_after_the_partial_text(AiProvider provider)
    {
        _server.Enqueue(FakeReply.CutMidStream("one two three four five six seven", afterChunks: 3));
        var client = AiExtensions.CreateChatClient(Options(provider));
        var partial = "";
        ChatFinishReason? finish = null;

        // Depending on timing, the aborted connection reaches the SDK as a reset (an exception) or as an early end of
        // the SSE stream with no finish reason; the app treats both as a cut answer (see AnswerStreamer).
        var ex = await Record.ExceptionAsync(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Ask(), cancellationToken: Guard()))
            {
                partial += update.Text;
                finish ??= update.FinishReason;
            }
        });

        Assert.Equal("one two three ", partial);
        Assert.Null(finish);
        if (ex is not null)
        {
            var error = ModelErrors.Classify(ex, userCancelled: false);
            Assert.Equal(ModelErrorKind.StreamCut, error.Kind);
            Assert.Contains("cut off", error.Message);
        }
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI)]
    [InlineData(AiProvider.OpenAI)]
    public async Task A_provider_that_never_answers_fails_within_the_timeout(AiProvider provider)
    {
        _server.DefaultReply = FakeReply.NeverAnswer();
        var options = Options(provider, o => o.TimeoutSeconds = 2);
        var client = AiExtensions.CreateChatClient(options);
        var watch = Stopwatch.StartNew();

        // No caller token here: the SDK network timeout and the retry budget alone must end the call.
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => StreamAsync(client, Guard()));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}"); // loose: a busy machine is not a failure
        Assert.Equal("The model did not answer within 2 s. Try again, or check that the model server is running.",
            ModelErrors.Describe(ex, userCancelled: false, options));
    }

    [Fact]
    public async Task The_callers_timeout_token_also_ends_a_silent_call_with_the_timeout_message()
    {
        _server.DefaultReply = FakeReply.NeverAnswer();
        var options = Options(AiProvider.OpenAI, o => o.TimeoutSeconds = 30);
        var client = AiExtensions.CreateChatClient(options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StreamAsync(client, timeout.Token));

        Assert.StartsWith("The model did not answer within 30 s", ModelErrors.Describe(ex, userCancelled: false, options));
        Assert.Equal("You stopped the answer.", ModelErrors.Describe(ex, userCancelled: true, options));
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_is_reported_as_unreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = Options(AiProvider.OpenAI, o => { o.Endpoint = $"http://127.0.0.1:{port}/v1"; o.MaxRetries = 0; });
        var client = AiExtensions.CreateChatClient(options);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => StreamAsync(client, Guard()));

        var error = ModelErrors.Classify(ex, userCancelled: false, options);
        Assert.Equal(ModelErrorKind.Unreachable, error.Kind);
        Assert.StartsWith($"Could not reach the model at 127.0.0.1:{port}", error.Message);
    }
}
