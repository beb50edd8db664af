using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PersonaExplorer.Tests.Ai.Fakes;

/// <summary>What the fake server does with one request. Build with the static factories.</summary>
public abstract record FakeReply
{
    /// <summary>A normal answer: SSE chunks (one per word) when the request streams, one JSON body otherwise.</summary>
    /// <param name="tokenDelay">Delay between streamed chunks; null = the server's <see cref="FakeOpenAiServer.TokenDelay"/>.</param>
    public static FakeReply Normal(string text, TimeSpan? tokenDelay = null) => new NormalReply(text, tokenDelay, "stop");

    /// <summary>An error status with an OpenAI-shaped error body; <paramref name="retryAfterSeconds"/> adds a Retry-After header.</summary>
    public static FakeReply Status(int status, int? retryAfterSeconds = null) => new StatusReply(status, retryAfterSeconds);

    /// <summary>An error status whose OpenAI-shaped body carries this message and "param" (e.g. a 400 naming response_format).</summary>
    public static FakeReply Error(int status, string message, string? param = null) => new ErrorReply(status, message, param);

    /// <summary>A normal answer that ends with finish_reason "length": the output-token limit cut it.</summary>
    public static FakeReply CutByLength(string text) => new NormalReply(text, null, "length");

    /// <summary>Azure OpenAI's content-filter refusal: 400 with {"error":{"code":"content_filter",…}}.</summary>
    public static FakeReply ContentFilter() => new ContentFilterReply();

    /// <summary>Starts a normal streamed answer, sends <paramref name="afterChunks"/> content chunks, then aborts the connection.</summary>
    public static FakeReply CutMidStream(string text, int afterChunks) => new CutMidStreamReply(text, afterChunks);

    /// <summary>Accepts the request and never answers (until the client gives up or the server stops).</summary>
    public static FakeReply NeverAnswer() => new NeverAnswerReply();

    /// <summary>Starts a streamed answer, sends <paramref name="afterChunks"/> content chunks, then sends nothing more (until the client gives up).</summary>
    public static FakeReply StallMidStream(string text, int afterChunks) => new StallMidStreamReply(text, afterChunks);

    internal sealed record NormalReply(string Text, TimeSpan? TokenDelay, string FinishReason) : FakeReply;
    internal sealed record ErrorReply(int Code, string Message, string? Param) : FakeReply;
    internal sealed record StatusReply(int Code, int? RetryAfterSeconds) : FakeReply;
    internal sealed record ContentFilterReply : FakeReply;
    internal sealed record CutMidStreamReply(string Text, int AfterChunks) : FakeReply;
    internal sealed record NeverAnswerReply : FakeReply;
    internal sealed record StallMidStreamReply(string Text, int AfterChunks) : FakeReply;
}

/// <summary>One request as the fake server received it. Credential header values are replaced by "(redacted)".</summary>
/// <param name="Api">"azure" or "openai".</param>
/// <param name="Model">The Azure deployment from the path, or "model" from the OpenAI body.</param>
/// <param name="Elapsed">Arrival time since the server started (monotonic), for asserting backoff.</param>
public sealed record FakeRequest(
    string Path,
    string Api,
    string? Model,
    bool Stream,
    IReadOnlyDictionary<string, string> Headers,
    JsonElement Body,
    DateTimeOffset ArrivedAt,
    TimeSpan Elapsed);

/// <summary>
/// An in-process OpenAI-compatible server on 127.0.0.1 (a free port), speaking both request shapes:
/// Azure (<c>/openai/deployments/{deployment}/chat/completions</c>) and OpenAI (<c>/v1/chat/completions</c>),
/// streaming (SSE chat.completion.chunk, then <c>data: [DONE]</c>) and non-streaming.
/// Scripted per test with a queue of <see cref="FakeReply"/>; when the queue is empty <see cref="Responder"/> (if set)
/// or <see cref="DefaultReply"/> answers. No test-framework dependency, so other projects can compile it by link
/// (they need the Microsoft.AspNetCore.App framework reference).
/// </summary>
public sealed partial class FakeOpenAiServer : IAsyncDisposable
{
    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase) { "api-key", "Authorization" };

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _replies = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly ConcurrentQueue<FakeRequest> _served = new();
    private readonly Lock _slotGate = new();
    private Task _slotTail = Task.CompletedTask;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _disposed;

    private FakeOpenAiServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>http://127.0.0.1:PORT/ — the Azure endpoint.</summary>
    public Uri BaseUri { get; }

    /// <summary>Use as Ai:Endpoint for Provider AzureOpenAI.</summary>
    public string AzureEndpoint => BaseUri.ToString();

    /// <summary>http://127.0.0.1:PORT/v1 — use as Ai:Endpoint for Provider OpenAI.</summary>
    public string OpenAiEndpoint => new Uri(BaseUri, "v1").ToString();

    /// <summary>Answers when the queue is empty and no <see cref="Responder"/> is set.</summary>
    public FakeReply DefaultReply { get; set; } = FakeReply.Normal("Hello from the fake model.");

    /// <summary>Optional: computes the reply for a request when the queue is empty (e.g. echo what was sent).</summary>
    public Func<FakeRequest, FakeReply>? Responder { get; set; }

    /// <summary>Fixed delay before anything of an answer is sent (time to first token).</summary>
    public TimeSpan FirstTokenLatency { get; set; }

    /// <summary>
    /// Called when a streamed answer's first word has been written, with the time since the request arrived: the
    /// provider's own first-token time, which the browser benchmark subtracts from what the page shows.
    /// </summary>
    public Action<FakeRequest, TimeSpan>? FirstWordSent { get; set; }

    /// <summary>Delay between streamed chunks when the reply does not set its own.</summary>
    public TimeSpan TokenDelay { get; set; }

    /// <summary>How long a cut stream waits after its last chunk before aborting, so the client has read the partial text.</summary>
    public TimeSpan CutGracePeriod { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<FakeRequest> Requests => _requests.ToArray();

    /// <summary>
    /// Serve one request at a time, in arrival order, like a local server with one slot (Ollama with OLLAMA_NUM_PARALLEL=1):
    /// a request is answered only after every earlier one has been answered completely (or its client went away).
    /// </summary>
    public bool SingleSlot { get; set; }

    /// <summary>Requests in the order they started being served (with <see cref="SingleSlot"/>: the order the slot served them).</summary>
    public IReadOnlyList<FakeRequest> Served => _served.ToArray();

    public static async Task<FakeOpenAiServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Limits.MinResponseDataRate = null);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();

        FakeOpenAiServer? server = null;
        app.MapPost("/openai/deployments/{deployment}/chat/completions",
            (HttpContext context, string deployment) => server!.HandleAsync(context, "azure", deployment));
        app.MapPost("/v1/chat/completions", (HttpContext context) => server!.HandleAsync(context, "openai", null));
        app.MapPost("/chat/completions", (HttpContext context) => server!.HandleAsync(context, "openai", null));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server = new FakeOpenAiServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies) _replies.Enqueue(reply);
    }

    /// <summary>Gaps between consecutive request arrivals.</summary>
    public IReadOnlyList<TimeSpan> ArrivalGaps()
    {
        var requests = Requests;
        return requests.Zip(requests.Skip(1), (a, b) => b.Elapsed - a.Elapsed).ToList();
    }

    private async Task HandleAsync(HttpContext context, string api, string? deployment)
    {
        var elapsed = _clock.Elapsed;
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        var json = body.RootElement.Clone();
        var stream = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var model = deployment ?? (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("model", out var m) ? m.GetString() : null);
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key,
            h => CredentialHeaders.Contains(h.Key) ? "(redacted)" : h.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        var request = new FakeRequest(context.Request.Path, api, model, stream, headers, json, DateTimeOffset.UtcNow, elapsed);
        // The slot queue is joined in arrival order; the one before must finish before this one is served.
        Task previous;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_slotGate)
        {
            _requests.Enqueue(request);
            previous = SingleSlot ? _slotTail : Task.CompletedTask;
            if (SingleSlot) _slotTail = done.Task;
        }
        try
        {
            await previous.ConfigureAwait(false);
            await ServeAsync(context, request, model, stream, json).ConfigureAwait(false);
        }
        finally
        {
            done.TrySetResult();
        }
    }

    private async Task ServeAsync(HttpContext context, FakeRequest request, string? model, bool stream, JsonElement json)
    {
        _served.Enqueue(request);
        var reply = _replies.TryDequeue(out var next) ? next : Responder?.Invoke(request) ?? DefaultReply;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var ct = linked.Token;
        try
        {
            switch (reply)
            {
                case FakeReply.StatusReply status:
                    await WriteErrorAsync(context, status.Code, status.RetryAfterSeconds, ErrorBody(status.Code), ct).ConfigureAwait(false);
                    break;
                case FakeReply.ErrorReply error:
                    var errorBody = new JsonObject { ["error"] = new JsonObject { ["message"] = error.Message, ["type"] = "invalid_request_error", ["param"] = error.Param, ["code"] = null } };
                    await WriteErrorAsync(context, error.Code, null, errorBody.ToJsonString(), ct).ConfigureAwait(false);
                    break;
                case FakeReply.ContentFilterReply:
                    await WriteErrorAsync(context, 400, null, ContentFilterBody, ct).ConfigureAwait(false);
                    break;
                case FakeReply.NeverAnswerReply:
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                    break;
                case FakeReply.CutMidStreamReply cut:
                    await DelayAsync(FirstTokenLatency, ct).ConfigureAwait(false);
                    await WriteStreamAsync(context, request, model, json, cut.Text, TokenDelay, cut.AfterChunks, ct).ConfigureAwait(false);
                    await DelayAsync(CutGracePeriod, ct).ConfigureAwait(false);
                    context.Abort();
                    break;
                case FakeReply.StallMidStreamReply stall:
                    await DelayAsync(FirstTokenLatency, ct).ConfigureAwait(false);
                    await WriteStreamAsync(context, request, model, json, stall.Text, TokenDelay, stall.AfterChunks, ct).ConfigureAwait(false);
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                    break;
                case FakeReply.NormalReply normal:
                    await DelayAsync(FirstTokenLatency, ct).ConfigureAwait(false);
                    if (stream)
                        await WriteStreamAsync(context, request, model, json, normal.Text, normal.TokenDelay ?? TokenDelay, null, ct, normal.FinishReason).ConfigureAwait(false);
                    else
                        await WriteCompletionAsync(context, model, normal.Text, json, ct, normal.FinishReason).ConfigureAwait(false);
                    break;
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away (or the server is stopping): nothing more to send.
            context.Abort();
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, int? retryAfter, string body, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (retryAfter is { } seconds) context.Response.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.Response.WriteAsync(body, ct).ConfigureAwait(false);
    }

    private static async Task WriteCompletionAsync(HttpContext context, string? model, string text, JsonElement request, CancellationToken ct, string finishReason = "stop")
    {
        var completion = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = model ?? "fake-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                ["finish_reason"] = finishReason,
            }),
            ["usage"] = Usage(PromptWords(request), Words(text).Count),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(completion.ToJsonString(), ct).ConfigureAwait(false);
    }

    /// <summary>Streams the text as SSE chunks; with <paramref name="cutAfter"/> stops after that many content chunks (no finish, no [DONE]).</summary>
    private async Task WriteStreamAsync(HttpContext context, FakeRequest served, string? model, JsonElement request, string text, TimeSpan tokenDelay, int? cutAfter, CancellationToken ct, string finishReason = "stop")
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync(ct).ConfigureAwait(false);

        await SendAsync(context, Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null), ct).ConfigureAwait(false);
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            if (cutAfter is { } n && i >= n) return;
            if (i > 0) await DelayAsync(tokenDelay, ct).ConfigureAwait(false);
            await SendAsync(context, Chunk(model, new JsonObject { ["content"] = words[i] }, null), ct).ConfigureAwait(false);
            if (i == 0) FirstWordSent?.Invoke(served, _clock.Elapsed - served.Elapsed);
        }
        if (cutAfter is not null) return;

        await SendAsync(context, Chunk(model, new JsonObject(), finishReason), ct).ConfigureAwait(false);
        var usage = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = model ?? "fake-model",
            ["choices"] = new JsonArray(),
            ["usage"] = Usage(PromptWords(request), words.Count),
        };
        await SendAsync(context, usage.ToJsonString(), ct).ConfigureAwait(false);
        await SendAsync(context, "[DONE]", ct).ConfigureAwait(false);
    }

    private static async Task SendAsync(HttpContext context, string data, CancellationToken ct)
    {
        await context.Response.WriteAsync($"data: {data}\n\n", ct).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    private static string Chunk(string? model, JsonObject delta, string? finishReason) => new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = model ?? "fake-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["finish_reason"] = finishReason,
        }),
    }.ToJsonString();

    private static JsonObject Usage(int prompt, int completion) => new()
    {
        ["prompt_tokens"] = prompt,
        ["completion_tokens"] = completion,
        ["total_tokens"] = prompt + completion,
    };

    private static int PromptWords(JsonElement request)
    {
        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
            return 0;
        var count = 0;
        foreach (var message in messages.EnumerateArray())
            if (message.TryGetProperty("content", out var content))
                count += content.ValueKind == JsonValueKind.String ? Words(content.GetString() ?? "").Count : Words(content.GetRawText()).Count;
        return count;
    }

    private static List<string> Words(string text) => WordRegex().Matches(text).Select(m => m.Value).ToList();

    private static Task DelayAsync(TimeSpan delay, CancellationToken ct) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, ct) : Task.CompletedTask;

    private static string ErrorBody(int status) => status switch
    {
        401 => """{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""",
        403 => """{"error":{"message":"Access denied.","type":"invalid_request_error","param":null,"code":"forbidden"}}""",
        429 => """{"error":{"message":"Rate limit reached. Please retry later.","type":"requests","param":null,"code":"429"}}""",
        >= 500 => """{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}""",
        _ => $$$"""{"error":{"message":"Fake error {{{status}}}.","type":"invalid_request_error","param":null,"code":null}}""",
    };

    private const string ContentFilterBody =
        """{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":true,"severity":"high"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}}}""";

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections that did not close in time are dropped by DisposeAsync.
            }
        }
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    [GeneratedRegex(@"\s*\S+\s*")]
    private static partial Regex WordRegex();
}
