using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Tests.Ai.Fakes;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore;

/// <summary>
/// Sending a message against the real SDK path and a fake provider: on a local server that serves one request at a time
/// the chat goes first and the panels still fill; cloud endpoints keep running the agents beside the chat; a stalled
/// answer keeps what arrived and can be retried.
/// </summary>
public class ExploreSchedulingTests : IAsyncLifetime
{
    private const string ChatAnswer = "Here are three ideas for a relaxed weekend in Porto with good food and short walks.";
    private FakeOpenAiServer _server = default!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        // Structured requests get what the offline demo model would answer; the chat gets text.
        _server.Responder = OfflineProviderReplies.Responder(SharedEmbedder.MiniLm, _ => FakeReply.Normal(ChatAnswer));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<Workspace> WorkspaceAsync(AiProvider provider, Action<AiOptions>? configure = null)
    {
        void Configure(AiOptions o)
        {
            o.PointAt(_server, provider);
            o.MaxRetries = 0;
            configure?.Invoke(o);
        }
        var options = new AiOptions();
        Configure(options);
        return await Workspace.CreateAsync(AiExtensions.CreateChatClient(options), AiExtensions.CreateModelInfo(options), ai: Configure);
    }

    [Fact]
    public async Task On_a_single_slot_local_server_the_chat_request_reaches_the_provider_before_any_panel_agent_and_the_panels_still_fill()
    {
        _server.SingleSlot = true;
        _server.FirstTokenLatency = TimeSpan.FromMilliseconds(50);
        _server.TokenDelay = TimeSpan.FromMilliseconds(5);
        await using var ws = await WorkspaceAsync(AiProvider.OpenAI); // a loopback endpoint: Auto schedules chat first

        Assert.Null(await ws.Explore.SendAsync("Plan a relaxed weekend in Porto"));
        var answer = await ws.AnswerAsync(TimeSpan.FromSeconds(60));
        await ws.Explore.PanelTurn.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(MessageStatus.Complete, answer.Status);
        var requests = _server.Requests;
        Assert.True(requests[0].Stream, "the first request at the provider is the chat's");
        Assert.All(requests.Skip(1), r => Assert.False(r.Stream));
        Assert.True(requests.Count >= 1 + 4, $"the four panel agents asked too ({requests.Count} requests)");
        Assert.Equal(requests.Select(r => r.Elapsed), _server.Served.Select(r => r.Elapsed)); // served strictly one after another
        foreach (var agent in AgentNames.PanelAgents)
            Assert.True(ws.Care.StatusOf(agent).State == AgentState.Done, $"{agent}: {ws.Care.StatusOf(agent).State} {ws.Care.StatusOf(agent).Message}");
        Assert.NotEmpty(ws.Care.Needs);
        Assert.NotEmpty(ws.Care.VisibleCards);
    }

    [Fact]
    public async Task A_second_message_is_also_answered_first_when_the_provider_is_single_slot()
    {
        _server.SingleSlot = true;
        await using var ws = await WorkspaceAsync(AiProvider.OpenAI, o => o.Scheduling.Mode = SchedulingMode.ChatFirst);
        await ws.Explore.SendAsync("Plan a relaxed weekend in Porto");
        await ws.AnswerAsync(TimeSpan.FromSeconds(60));
        await ws.Explore.PanelTurn.WaitAsync(TimeSpan.FromSeconds(60));
        var before = _server.Requests.Count;

        await ws.Explore.SendAsync("Make it cheaper, under 300 euros");
        await ws.AnswerAsync(TimeSpan.FromSeconds(60));
        await ws.Explore.PanelTurn.WaitAsync(TimeSpan.FromSeconds(60));

        var turn = _server.Requests.Skip(before).ToList();
        Assert.True(turn[0].Stream);
        Assert.All(turn.Skip(1), r => Assert.False(r.Stream));
        Assert.Equal(AgentState.Done, ws.Care.StatusOf(AgentNames.Needs).State);
    }

    [Fact]
    public async Task A_cloud_endpoint_runs_the_panel_agents_while_the_chat_is_still_streaming()
    {
        // Azure is a cloud provider: Auto keeps the agents in parallel with the chat. The chat streams for ~3 s.
        _server.TokenDelay = TimeSpan.FromMilliseconds(200);
        await using var ws = await WorkspaceAsync(AiProvider.AzureOpenAI);

        await ws.Explore.SendAsync("Plan a relaxed weekend in Porto");
        var answer = await ws.AnswerAsync(TimeSpan.FromSeconds(60));
        await ws.Explore.PanelTurn.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(MessageStatus.Complete, answer.Status);
        var chat = _server.Requests.Single(r => r.Stream);
        var agents = _server.Requests.Where(r => !r.Stream).ToList();
        Assert.True(agents.Count >= 4);
        var chatEnded = chat.Elapsed + TimeSpan.FromMilliseconds(answer.DurationMs ?? 0);
        Assert.All(agents.Take(4), a => Assert.True(a.Elapsed < chatEnded, $"an agent request arrived at {a.Elapsed}, after the chat ended at {chatEnded}"));
    }

    [Fact]
    public async Task A_stalled_answer_keeps_what_arrived_and_retry_gives_a_whole_one()
    {
        await using var ws = await WorkspaceAsync(AiProvider.OpenAI, o => o.Calls.Chat.IdleTimeoutSeconds = 1);
        _server.Enqueue(FakeReply.StallMidStream(ChatAnswer, afterChunks: 5));

        await ws.Explore.SendAsync("Plan a relaxed weekend in Porto");
        var stalled = await ws.AnswerAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(MessageStatus.Failed, stalled.Status);
        Assert.Equal("Here are three ideas for ", stalled.Content);
        Assert.Contains("stopped sending", stalled.Error);

        await ws.Explore.RegenerateAsync();
        var retried = await ws.AnswerAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(MessageStatus.Complete, retried.Status);
        Assert.Equal(ChatAnswer, retried.Content.Trim());
    }
}
