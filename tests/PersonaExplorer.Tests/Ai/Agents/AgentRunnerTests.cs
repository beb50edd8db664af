using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Ai.Agents;

public class AgentRunnerTests
{
    private static readonly List<ChatMessage> Messages = [new(ChatRole.System, "instructions"), new(ChatRole.User, "question")];

    private static (AgentRunner Runner, AgentChatClient Model) Create(int timeoutSeconds = 60)
    {
        var model = new AgentChatClient([]);
        var ai = new AiOptions();
        ai.Calls.Agent.TimeoutSeconds = timeoutSeconds;
        var runner = new AgentRunner(model, Options.Create(new AgentOptions()), Options.Create(ai), NullLogger<AgentRunner>.Instance);
        return (runner, model);
    }

    [Fact]
    public async Task The_request_asks_for_structured_output_named_after_the_result_type()
    {
        var (runner, model) = Create();
        model.On<TaskPlan>(_ => """{"subTasks":[{"title":"Pace","options":["Slow","Fast"]}]}""");

        await runner.RunAsync<TaskPlan>(AgentNames.Planner, Messages, default);

        var call = Assert.Single(model.Calls);
        var format = Assert.IsType<ChatResponseFormatJson>(call.Options?.ResponseFormat);
        Assert.Equal(nameof(TaskPlan), format.SchemaName);
        Assert.Contains("subTasks", format.Schema?.GetRawText());
    }

    [Fact]
    public async Task A_valid_reply_is_parsed_and_traced_with_latency_and_tokens()
    {
        var (runner, model) = Create();
        model.On<TaskPlan>(_ => """{"subTasks":[{"title":"Pace","options":["Slow","Fast"]}]}""");

        var outcome = await runner.RunAsync<TaskPlan>(AgentNames.Planner, Messages, default);

        Assert.True(outcome.Succeeded);
        Assert.Equal("Pace", Assert.Single(outcome.Result!.SubTasks).Title);
        var trace = Assert.Single(outcome.Calls);
        Assert.Equal(AgentNames.Planner, trace.Agent);
        Assert.Equal(["system", "user"], trace.Messages.Select(m => m.Role));
        Assert.Contains("Pace", trace.ResultJson);
        Assert.True(trace.LatencyMs >= 0);
        Assert.True(trace.InputTokens > 0 && trace.OutputTokens > 0);
        Assert.Equal("scripted", trace.Model);
    }

    [Fact]
    public async Task Bad_json_is_repaired_by_one_retry_that_shows_the_model_its_parse_error()
    {
        var (runner, model) = Create();
        var replies = new Queue<string>(["{\"subTasks\": [ oops", """{"subTasks":[{"title":"Pace","options":["Slow","Fast"]}]}"""]);
        model.On<TaskPlan>(_ => replies.Dequeue());

        var outcome = await runner.RunAsync<TaskPlan>(AgentNames.Planner, Messages, default);

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, outcome.Calls.Count);
        Assert.NotNull(outcome.Calls[0].Error);
        Assert.Null(outcome.Calls[1].Error);
        var retry = model.Calls.Last().Messages;
        Assert.Equal(4, retry.Count);
        Assert.Equal(ChatRole.Assistant, retry[2].Role);
        Assert.Contains("invalid JSON", retry[3].Text);
    }

    [Fact]
    public async Task Json_that_breaks_the_rules_is_repaired_like_bad_json()
    {
        var (runner, model) = Create();
        var replies = new Queue<string>(["""{"solutions":[{"title":"Only one"}]}""",
            """{"solutions":[{"title":"One","summary":"a"},{"title":"Two","summary":"b"}]}"""]);
        model.On<SolutionDesign>(_ => replies.Dequeue());

        var outcome = await runner.RunAsync<SolutionDesign>(AgentNames.Solutions, Messages, default);

        Assert.Equal(2, outcome.Result!.Solutions.Count);
        Assert.Contains("expected 2 to 4 solutions", model.Calls.Last().Messages[^1].Text);
    }

    [Fact]
    public async Task Bad_json_twice_fails_the_agent_with_a_clear_message_and_both_calls_traced()
    {
        var (runner, model) = Create();
        model.On<TaskPlan>(_ => "Sure! Here are some sub-tasks: pace, budget.");

        var outcome = await runner.RunAsync<TaskPlan>(AgentNames.Planner, Messages, default);

        Assert.False(outcome.Succeeded);
        Assert.Contains("could not be used, even after a retry", outcome.Error);
        Assert.Equal(2, outcome.Calls.Count);
        Assert.Equal(2, model.Calls.Count);
    }

    [Fact]
    public async Task Json_inside_a_markdown_fence_is_accepted()
    {
        var (runner, model) = Create();
        model.On<TaskPlan>(_ => "```json\n{\"subTasks\":[{\"title\":\"Pace\",\"options\":[\"Slow\",\"Fast\"]}]}\n```");

        var outcome = await runner.RunAsync<TaskPlan>(AgentNames.Planner, Messages, default);

        Assert.True(outcome.Succeeded);
        Assert.Single(model.Calls);
    }

    [Fact]
    public async Task A_provider_error_fails_the_agent_without_throwing()
    {
        var (runner, model) = Create();
        model.On<TaskPlan>(_ => throw new HttpRequestException("boom", null, HttpStatusCode.ServiceUnavailable));

        var outcome = await runner.RunAsync<TaskPlan>(AgentNames.Planner, Messages, default);

        Assert.False(outcome.Succeeded);
        Assert.Contains("503", outcome.Error);
        Assert.Single(outcome.Calls);
    }

    [Fact]
    public async Task A_model_that_never_answers_times_out_with_a_message()
    {
        var (runner, model) = Create(timeoutSeconds: 1);
        model.OnAsync<TaskPlan>(async c => { await Task.Delay(Timeout.Infinite, c.Token); return ""; });

        var outcome = await runner.RunAsync<TaskPlan>(AgentNames.Planner, Messages, default);

        Assert.Contains("No answer within 1 s", outcome.Error);
        Assert.True(Assert.Single(model.Calls).SawCancellation);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_passed_on_not_reported_as_a_failure()
    {
        var (runner, model) = Create();
        model.OnAsync<TaskPlan>(async c => { await Task.Delay(Timeout.Infinite, c.Token); return ""; });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync<TaskPlan>(AgentNames.Planner, Messages, cts.Token));
        Assert.True(Assert.Single(model.Calls).SawCancellation);
    }
}
