using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Tests.Ai.Fakes;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore;

/// <summary>A study condition may name another model and add instructions; both reach the real request.</summary>
public class ConditionModelTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = default!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();
    public async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await _server.DisposeAsync();
    }

    private void Configure(AiOptions o)
    {
        o.PointAt(_server, AiProvider.OpenAI, model: "default-model");
        o.TimeoutSeconds = 10;
    }

    /// <summary>The workspace over the real OpenAI SDK path to the fake server.</summary>
    private async Task<Workspace> WorkspaceAsync()
    {
        var options = new AiOptions();
        Configure(options);
        var client = AiExtensions.CreateChatClient(options);
        _clients.Add(client);
        return await Workspace.CreateAsync(client, AiExtensions.CreateModelInfo(options), ai: Configure);
    }

    private readonly List<Microsoft.Extensions.AI.IChatClient> _clients = [];

    /// <summary>Structured requests get an example of their own schema back; the chat gets this text.</summary>
    private void AnswerWithExamples(string chat) =>
        _server.Responder = r => r.Body.TryGetProperty("response_format", out var f) && f.TryGetProperty("json_schema", out var js)
            ? FakeReply.Normal(PersonaExplorer.Ai.Structured.SchemaExample.For(js.GetProperty("schema")))
            : FakeReply.Normal(chat);

    [Fact]
    public async Task A_conditions_model_and_instructions_are_used_for_the_chat_answer()
    {
        _server.DefaultReply = FakeReply.Normal("Condition answer.");
        await using var ws = await WorkspaceAsync();
        await ws.Services.GetRequiredService<WorkspaceFeatures>().ApplyAsync(StudyFeatures.ChatOnly, model: "condition-model", systemPrompt: "Answer in exactly two bullet points.");

        await ws.Explore.SendAsync("Plan a weekend in Rome");
        var answer = await ws.AnswerAsync();

        Assert.Equal(MessageStatus.Complete, answer.Status);
        Assert.Equal("condition-model", answer.Model);
        var chat = _server.Requests.Last(r => r.Stream);
        Assert.Equal("condition-model", chat.Model);
        var system = chat.Body.GetProperty("messages")[0].GetProperty("content").GetString();
        Assert.Contains("Additional instructions for this study condition:\nAnswer in exactly two bullet points.", system);
        Assert.StartsWith(ChatPrompt.Instructions, system);
        Assert.Single(_server.Requests); // chat only: no panel agents ran
    }

    [Fact]
    public async Task A_conditions_model_also_serves_the_panel_agents()
    {
        AnswerWithExamples("Condition answer.");
        await using var ws = await WorkspaceAsync();
        await ws.Services.GetRequiredService<WorkspaceFeatures>().ApplyAsync(StudyFeatures.All, model: "condition-model", systemPrompt: null);

        await ws.Explore.SendAsync("Plan a weekend in Rome");
        await ws.AnswerAsync();
        await ws.Explore.PanelTurn;

        var structured = _server.Requests.Where(r => !r.Stream).ToList();
        Assert.NotEmpty(structured);
        Assert.All(_server.Requests, r => Assert.Equal("condition-model", r.Model));
    }

    [Fact]
    public async Task A_conditions_model_also_answers_why_this()
    {
        AnswerWithExamples("A vegetarian plan for Rome.");
        await using var ws = await WorkspaceAsync();
        await ws.Profile.AddAsync("prefers vegetarian food", "diet");
        await ws.Services.GetRequiredService<WorkspaceFeatures>().ApplyAsync(StudyFeatures.ChatOnly, model: "condition-model", systemPrompt: null);
        await ws.Explore.SendAsync("Plan a weekend in Rome");
        var answer = await ws.AnswerAsync();

        var report = await ws.Services.GetRequiredService<PersonaExplorer.Features.Explore.WhyThis.WhyThisService>().ExplainAsync(answer, ["prefers vegetarian food"]);

        Assert.Null(report.AttributionError);
        var attribution = _server.Requests.Last(r => !r.Stream);
        Assert.Equal(nameof(PersonaExplorer.Ai.Agents.AttributionResult), attribution.Body.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal("condition-model", attribution.Model);
    }

    [Fact]
    public async Task Without_a_condition_the_configured_model_answers()
    {
        _server.DefaultReply = FakeReply.Normal("Default answer.");
        await using var ws = await WorkspaceAsync();

        await ws.Explore.SendAsync("Plan a weekend in Rome");
        await ws.AnswerAsync();

        Assert.Equal("default-model", _server.Requests.Last(r => r.Stream).Model);
    }
}
