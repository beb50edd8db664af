using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Ai.Structured;
using PersonaExplorer.Tests.Ai.Fakes;

namespace PersonaExplorer.Tests.Ai.Structured;

/// <summary>Structured calls through the real OpenAI / Azure OpenAI SDK path, as the fake provider receives them.</summary>
public sealed class StructuredWireTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static readonly List<ChatMessage> Ask = [new(ChatRole.System, "You are an agent."), new(ChatRole.User, "Plan a trip to Lisbon")];

    private static CancellationToken Guard() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private (AgentRunner Runner, AiOptions Options) Runner(AiProvider provider, Action<AiOptions>? change = null)
    {
        var options = new AiOptions { TimeoutSeconds = 10, MaxRetries = 0 }.PointAt(_server, provider);
        change?.Invoke(options);
        var client = AiExtensions.CreateChatClient(options);
        return (new AgentRunner(client, Options.Create(new AgentOptions()), Options.Create(options), NullLogger<AgentRunner>.Instance), options);
    }

    /// <summary>Answers every structured request with an example of the schema it carries (or a fixed reply without one).</summary>
    private void AnswerWithExamples() => _server.Responder = request =>
        request.Body.TryGetProperty("response_format", out var format) && format.TryGetProperty("json_schema", out var js)
            ? FakeReply.Normal(SchemaExample.For(js.GetProperty("schema")))
            : FakeReply.Normal("{}");

    private static long? MaxTokens(JsonElement body) =>
        body.TryGetProperty("max_completion_tokens", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt64()
        : body.TryGetProperty("max_tokens", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetInt64()
        : null;

    public static TheoryData<AiProvider, string> EveryTypeOnBothPaths()
    {
        var data = new TheoryData<AiProvider, string>();
        foreach (var provider in new[] { AiProvider.AzureOpenAI, AiProvider.OpenAI })
            foreach (var entry in StructuredTypes.All)
                data.Add(provider, entry.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTypeOnBothPaths))]
    public async Task Every_structured_request_is_strict_with_a_valid_schema_an_output_limit_and_the_intended_temperature(AiProvider provider, string type)
    {
        AnswerWithExamples();
        var (runner, options) = Runner(provider);

        await StructuredTypes.Named(type).Run(runner, Ask, Guard());

        var request = _server.Requests[0];
        var format = request.Body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        var schema = format.GetProperty("json_schema");
        Assert.Equal(type, schema.GetProperty("name").GetString());
        Assert.True(schema.GetProperty("strict").GetBoolean());
        Assert.Empty(StrictSchemaRules.Violations(schema.GetProperty("schema")));
        // Each type runs here as an agent call; the other kinds' own values are checked below.
        Assert.Equal(options.Calls.Agent.MaxOutputTokens, MaxTokens(request.Body));
        Assert.Equal(options.Calls.Agent.Temperature!.Value, request.Body.GetProperty("temperature").GetDouble(), 3);
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI, CallKind.Curator)]
    [InlineData(AiProvider.OpenAI, CallKind.Simulator)]
    [InlineData(AiProvider.OpenAI, CallKind.Judge)]
    public async Task Each_kind_of_call_sends_its_own_configured_limit_temperature_and_seed(AiProvider provider, CallKind kind)
    {
        AnswerWithExamples();
        var (runner, options) = Runner(provider, o =>
        {
            o.Calls.For(kind).MaxOutputTokens = 321;
            o.Calls.For(kind).Temperature = 0.4;
            o.Calls.For(kind).Seed = 42;
        });

        await runner.RunAsync<TaskPlan>("planner", Ask, Guard(), kind: kind);

        var body = _server.Requests[0].Body;
        Assert.Equal(321, MaxTokens(body));
        Assert.Equal(0.4, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(42, body.GetProperty("seed").GetInt64());
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI)]
    [InlineData(AiProvider.OpenAI)]
    public async Task A_400_naming_response_format_steps_down_to_the_schema_in_the_prompt_once_and_is_remembered(AiProvider provider)
    {
        _server.Enqueue(FakeReply.Error(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", "response_format"));
        _server.Responder = _ => FakeReply.Normal("""{"subTasks":[{"title":"Pace","options":["Slow","Fast"]}]}""");
        var (runner, _) = Runner(provider);

        var first = await runner.RunAsync<TaskPlan>(AgentNames.Planner, Ask, Guard());
        var second = await runner.RunAsync<TaskPlan>(AgentNames.Planner, Ask, Guard());

        Assert.True(first.Succeeded, first.Error);
        Assert.True(second.Succeeded, second.Error);
        var requests = _server.Requests;
        Assert.Equal(3, requests.Count); // the rejected one, its fallback, and the next call straight in the fallback
        Assert.True(requests[0].Body.TryGetProperty("response_format", out _));
        foreach (var fallback in requests.Skip(1))
        {
            Assert.False(fallback.Body.TryGetProperty("response_format", out _));
            var system = fallback.Body.GetProperty("messages")[0].GetProperty("content").ToString();
            Assert.Contains("JSON schema", system);
            Assert.Contains("subTasks", system);
            Assert.Contains("Example of the shape", system);
            Assert.NotNull(MaxTokens(fallback.Body));
        }
        Assert.Contains(first.Calls, c => c.Error?.Contains("rejected the response format") == true);
    }

    [Fact]
    public async Task A_400_about_something_else_is_reported_and_not_retried_in_another_format()
    {
        _server.Enqueue(FakeReply.Error(400, "Invalid value for 'temperature'.", "temperature"));
        var (runner, _) = Runner(AiProvider.OpenAI);

        var outcome = await runner.RunAsync<TaskPlan>(AgentNames.Planner, Ask, Guard());

        Assert.False(outcome.Succeeded);
        Assert.Contains("400", outcome.Error);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI)]
    [InlineData(AiProvider.OpenAI)]
    public async Task A_reply_cut_by_the_token_limit_is_never_used_and_the_repair_asks_for_a_shorter_reply(AiProvider provider)
    {
        // Valid JSON that happens to parse: the finish reason alone says it is not the whole answer.
        _server.Enqueue(FakeReply.CutByLength("""{"subTasks":[{"title":"Pace","options":["Slow","Fast"]}]}"""),
            FakeReply.Normal("""{"subTasks":[{"title":"Budget","options":["Low","High"]}]}"""));
        var (runner, _) = Runner(provider);

        var outcome = await runner.RunAsync<TaskPlan>(AgentNames.Planner, Ask, Guard());

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal("Budget", Assert.Single(outcome.Result!.SubTasks).Title);
        Assert.Contains("cut off at the output-token limit", outcome.Calls[0].Error);
        var repair = _server.Requests[1].Body.GetProperty("messages").EnumerateArray().Last().GetProperty("content").ToString();
        Assert.Contains("Keep it shorter", repair);
    }

    [Fact]
    public async Task A_reply_cut_twice_is_reported_as_an_error_with_no_result()
    {
        _server.DefaultReply = FakeReply.CutByLength("""{"subTasks":[{"title":"Pace","options":["Slow","Fast"]}]}""");
        var (runner, _) = Runner(AiProvider.AzureOpenAI);

        var outcome = await runner.RunAsync<TaskPlan>(AgentNames.Planner, Ask, Guard());

        Assert.Null(outcome.Result);
        Assert.Contains("cut off", outcome.Error);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_non_OpenAI_endpoint_also_gets_the_schema_and_an_example_in_the_prompt_and_the_repair()
    {
        _server.Enqueue(FakeReply.Normal("not json"), FakeReply.Normal("""{"subTasks":[{"title":"Pace","options":["Slow","Fast"]}]}"""));
        var (runner, options) = Runner(AiProvider.OpenAI); // the fake server is an OpenAI-compatible server on 127.0.0.1
        Assert.False(options.IsOpenAiHosted);

        var outcome = await runner.RunAsync<TaskPlan>(AgentNames.Planner, Ask, Guard());

        Assert.True(outcome.Succeeded, outcome.Error);
        var first = _server.Requests[0].Body;
        Assert.True(first.GetProperty("response_format").GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.Contains("Example of the shape", first.GetProperty("messages")[0].GetProperty("content").ToString());
        var repair = _server.Requests[1].Body.GetProperty("messages").EnumerateArray().Last().GetProperty("content").ToString();
        Assert.Contains("could not be used", repair);
        Assert.Contains("subTasks", repair);
    }

    [Fact]
    public async Task OpenAI_itself_gets_no_schema_copy_in_the_prompt()
    {
        AnswerWithExamples();
        var options = new AiOptions { Provider = AiProvider.OpenAI, Model = "gpt-4o-mini" };
        Assert.True(options.IsOpenAiHosted);
        var (runner, _) = Runner(AiProvider.AzureOpenAI);

        await runner.RunAsync<TaskPlan>(AgentNames.Planner, Ask, Guard());

        Assert.DoesNotContain("Example of the shape", _server.Requests[0].Body.GetProperty("messages")[0].GetProperty("content").ToString());
    }

    [Theory]
    [InlineData(StructuredOutputMode.Schema, "json_schema", false)]
    [InlineData(StructuredOutputMode.JsonObject, "json_object", true)]
    [InlineData(StructuredOutputMode.Prompt, null, true)]
    public async Task Each_configured_mode_asks_for_its_response_format(StructuredOutputMode mode, string? format, bool schemaInPrompt)
    {
        AnswerWithExamples();
        var (runner, _) = Runner(AiProvider.AzureOpenAI, o => o.StructuredOutput = mode);

        await runner.RunAsync<TaskPlan>(AgentNames.Planner, Ask, Guard());

        var body = _server.Requests[0].Body;
        if (format is null) Assert.False(body.TryGetProperty("response_format", out _));
        else Assert.Equal(format, body.GetProperty("response_format").GetProperty("type").GetString());
        if (mode == StructuredOutputMode.Schema)
            Assert.False(body.GetProperty("response_format").GetProperty("json_schema").TryGetProperty("strict", out var strict) && strict.GetBoolean());
        Assert.Equal(schemaInPrompt, body.GetProperty("messages")[0].GetProperty("content").ToString().Contains("Example of the shape"));
    }
}

/// <summary>The streamed answers (chat, live steering, A/B) carry their kind's limits too.</summary>
public sealed class StreamedAnswerLimitsWireTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(AiProvider.AzureOpenAI, CallKind.Chat)]
    [InlineData(AiProvider.OpenAI, CallKind.Chat)]
    [InlineData(AiProvider.AzureOpenAI, CallKind.Steering)]
    [InlineData(AiProvider.OpenAI, CallKind.Steering)]
    public async Task A_streamed_answer_carries_its_output_limit_and_for_steering_a_low_temperature_and_seed(AiProvider provider, CallKind kind)
    {
        var options = new AiOptions { TimeoutSeconds = 10, MaxRetries = 0 }.PointAt(_server, provider);
        var streamer = new AnswerStreamer(AiExtensions.CreateChatClient(options), Options.Create(options), NullLogger<AnswerStreamer>.Instance);

        var result = await streamer.StreamAsync([new ChatMessage(ChatRole.User, "Plan a trip")], _ => { }, TimeSpan.Zero, default, kind: kind);

        Assert.Equal(PersonaExplorer.Data.MessageStatus.Complete, result.Status);
        var body = Assert.Single(_server.Requests).Body;
        var limits = options.Calls.For(kind);
        var max = body.TryGetProperty("max_completion_tokens", out var a) ? a.GetInt64() : body.GetProperty("max_tokens").GetInt64();
        Assert.Equal(limits.MaxOutputTokens, max);
        if (kind == CallKind.Steering)
        {
            Assert.Equal(0.2, body.GetProperty("temperature").GetDouble(), 3);
            Assert.Equal(7, body.GetProperty("seed").GetInt64());
        }
        else
        {
            Assert.False(body.TryGetProperty("temperature", out _)); // the chat keeps the provider's default
        }
    }
}
