using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai;
using PersonaExplorer.Features.Explore.WhyThis;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.Features.Explore.WhyThis;

public class WhyThisServiceTests
{
    private static async Task<(Workspace Ws, WhyThisReport Report)> ExplainAsync(string request, params string[] concepts)
    {
        var ws = await Workspace.CreateAsync(new OfflineDemoChatClient(SharedEmbedder.MiniLm, 0, WorkspaceResponders()));
        foreach (var c in concepts) await ws.Profile.AddAsync(c, "general");
        await ws.Explore.SendAsync(request);
        var answer = await ws.AnswerAsync();
        await Task.Delay(50); // the trace is written right after the answer
        var service = ws.Services.GetRequiredService<WhyThisService>();
        return (ws, await service.ExplainAsync(answer, ws.Profile.Concepts.Where(c => c.Enabled).Select(c => c.Text).ToList()));
    }

    // The demo model answers the attribution agent through its offline responder, as in the app.
    private static IEnumerable<IOfflineStructuredResponder> WorkspaceResponders() => [new AttributionOfflineResponder()];

    [Fact]
    public async Task A_followed_concept_is_in_the_prompt_claimed_and_measurably_reflected()
    {
        var (ws, report) = await ExplainAsync("Suggest restaurants for dinner in Porto", "prefers vegetarian food");
        await using var _ = ws;

        var item = Assert.Single(report.Items);
        Assert.Equal("prefers vegetarian food", item.Text);
        Assert.True(item.ModelSaysUsed);
        Assert.True(item.Reflected, $"similarity {item.Similarity:0.00} to \"{item.ClosestSentence}\"");
        Assert.NotEmpty(report.Prompt);
    }

    [Fact]
    public async Task The_measurement_does_not_take_the_models_word_for_it()
    {
        // The demo model says it "kept in mind" an unrelated concept; nothing in a restaurant answer reflects it.
        var (ws, report) = await ExplainAsync("Suggest restaurants for dinner in Porto", "dislikes long flights");
        await using var _ = ws;

        var item = Assert.Single(report.Items);
        Assert.True(item.ModelSaysUsed);
        Assert.False(item.Reflected, $"similarity {item.Similarity:0.00} to \"{item.ClosestSentence}\"");
    }

    [Fact]
    public async Task A_concept_enabled_after_the_answer_is_reported_as_left_out()
    {
        var (ws, _) = await ExplainAsync("Suggest restaurants for dinner in Porto");
        await using var __ = ws;
        var answer = ws.Explore.Messages[^1];

        var report = await ws.Services.GetRequiredService<WhyThisService>().ExplainAsync(answer, ["budget-conscious"]);

        Assert.Empty(report.Items);
        Assert.Equal(["budget-conscious"], report.LeftOut);
    }

    [Fact]
    public async Task A_card_reports_the_designers_claim_and_what_its_text_reflects()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        await ws.Profile.AddAsync("prefers vegetarian food", "diet");
        await ws.Explore.SendAsync("Plan a relaxed weekend trip from Paris with my kids");
        await ws.AnswerAsync();
        await ws.Explore.PanelTurn;
        var card = Assert.IsType<PersonaExplorer.Data.SolutionCard>(ws.Care.VisibleCards.FirstOrDefault());

        var report = await ws.Services.GetRequiredService<WhyThisService>().ExplainCardAsync(card, ["prefers vegetarian food"]);

        var concept = Assert.Single(report.Items, i => i.Kind == InfluenceKind.Concept);
        Assert.Equal("prefers vegetarian food", concept.Text);
        Assert.Equal(card.ConceptsUsed.Any(c => c.Contains("vegetarian")), concept.ModelSaysUsed);
        Assert.NotEmpty(report.Prompt); // the designer's exact prompt
        Assert.Empty(report.LeftOut);
    }
}
