using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;
using PersonaExplorer.Features;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Tests.Ai.Fakes;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Ai.Agents;

/// <summary>
/// Over the real OpenAI SDK path, a model that refers to needs, concepts and sub-tasks by the ids its prompt gave
/// (n1, c1, t1) fills the panels with the texts those ids name; ids the prompt never gave are dropped.
/// </summary>
public sealed class PromptIdsWireTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = default!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private void Configure(AiOptions o)
    {
        o.PointAt(_server, AiProvider.OpenAI, model: "gpt-4o-mini");
        o.TimeoutSeconds = 10;
    }

    private static string? SchemaName(FakeRequest r) =>
        r.Body.TryGetProperty("response_format", out var f) && f.TryGetProperty("json_schema", out var js) ? js.GetProperty("name").GetString() : null;

    private static string Prompt(FakeRequest r) =>
        string.Join("\n\n", r.Body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").ToString()));

    /// <summary>The id the prompt gave the line with this text in this block.</summary>
    private static string IdOf(string prompt, string block, string text) =>
        PromptFence.Read(prompt, block).Single(i => i.Text == text).Attributes["id"];

    /// <summary>Answers like a real model that follows the schema: ids read from its own prompt, plus ids it made up.</summary>
    private FakeReply Answer(FakeRequest r)
    {
        var prompt = Prompt(r);
        switch (SchemaName(r))
        {
            case nameof(SolutionDesign):
                var beach = PromptFence.Read(prompt, ChatPrompt.NeedsBlock).FirstOrDefault(i => i.Text == "Near a beach")?.Attributes["id"];
                var veggie = IdOf(prompt, ChatPrompt.ProfileBlock, "prefers vegetarian food");
                var solutions = new[] { "Coastal town", "City and sea" }.Select(title => new
                {
                    title, summary = "Two quiet days.",
                    meetsNeeds = new object[] { new { needId = beach ?? "n1", newNeed = (string?)null, how = "The beach is a walk away." }, new { needId = "n42", newNeed = (string?)null, how = "made up" } },
                    conceptIds = new[] { veggie, "c42" },
                    tradeOffs = new[] { "Busy in August" },
                    unmetNeedIds = new[] { "n43" },
                });
                return FakeReply.Normal(JsonSerializer.Serialize(new { solutions }));
            case nameof(TaskPlan):
                var current = PromptFence.Read(prompt, AgentPrompt.SubTasksBlock);
                var subTasks = current.Count == 0
                    ? new object[] { new { keep = (string?)null, title = "Pace", options = new[] { "Slow mornings", "Packed days" } } }
                    : [new { keep = current.Single(i => i.Text.StartsWith("Pace:")).Attributes["id"], title = "", options = Array.Empty<string>() },
                       new { keep = "t9", title = "", options = Array.Empty<string>() },
                       new { keep = (string?)null, title = "Transport", options = new[] { "Train", "Car" } }];
                return FakeReply.Normal(JsonSerializer.Serialize(new { subTasks }));
            case { } other:
                return FakeReply.Normal(PersonaExplorer.Ai.Structured.SchemaExample.For(r.Body.GetProperty("response_format").GetProperty("json_schema").GetProperty("schema")));
            default:
                return FakeReply.Normal("Here is a plan.");
        }
    }

    [Fact]
    public async Task A_model_answering_with_ids_fills_the_cards_and_the_breakdown_with_the_texts_they_name()
    {
        _server.Responder = Answer;
        var options = new AiOptions();
        Configure(options);
        using var client = AiExtensions.CreateChatClient(options);
        await using var ws = await Workspace.CreateAsync(client, AiExtensions.CreateModelInfo(options), ai: Configure);
        await ws.Services.GetRequiredService<WorkspaceFeatures>().ApplyAsync(StudyFeatures.All, model: null, systemPrompt: null);
        await ws.Profile.AddAsync("prefers vegetarian food", "diet");

        await ws.Explore.SendAsync("Plan a weekend by the sea");
        await ws.AnswerAsync();
        await ws.Explore.PanelTurn;
        var session = ws.Explore.SessionId!.Value;
        await ws.Services.GetRequiredService<CareActions>().AddNeedAsync(session, "Near a beach");
        await ws.Explore.SendAsync("Somewhere we can swim");
        await ws.AnswerAsync();
        await ws.Explore.PanelTurn;

        var design = _server.Requests.Last(r => SchemaName(r) == nameof(SolutionDesign));
        Assert.Contains("Near a beach\" (id: n1,", Prompt(design));
        Assert.Contains("prefers vegetarian food\" (id: c1,", Prompt(design));
        await using var db = ws.Db();
        var cards = await db.SolutionCards.Where(c => c.SessionId == session && !c.Discarded).ToListAsync();
        Assert.Equal(2, cards.Count);
        Assert.All(cards, c =>
        {
            Assert.Equal(["Near a beach: The beach is a walk away."], c.MeetsNeeds);
            Assert.Equal(["prefers vegetarian food"], c.ConceptsUsed);
            Assert.Empty(c.UnmetNeeds);
        });
        var subTasks = await db.SubTasks.Where(t => t.SessionId == session).OrderBy(t => t.SortOrder).ToListAsync();
        Assert.Equal(["Pace", "Transport"], subTasks.Select(t => t.Title));
        Assert.Equal(["Slow mornings", "Packed days"], subTasks[0].Options);
    }
}
