using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Features;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Explore.Care;

namespace PersonaExplorer.Tests.Features.Accounts.Ownership;

/// <summary>
/// A study condition's instructions steer the model but never reach the participant's eyes: not in the turn inspector,
/// the prompt inspector or "Why this?"; a chat-only condition offers neither the inspector nor "Why this?".
/// </summary>
public sealed class ConditionInstructionsTests
{
    private const string Instructions = "Condition B: never mention ticket prices.";

    private static async Task<CareHost> ParticipantAfterOneTurnAsync(StudyFeatures features)
    {
        var host = await CareHost.StartAsync();
        await host.Services.GetRequiredService<WorkspaceFeatures>().ApplyAsync(features, null, Instructions);
        Assert.Null(await host.Explore.SendAsync("I want a relaxed trip with my kids, under $800."));
        await host.Explore.Answer;
        await host.Explore.PanelTurn;
        // The instructions did go to the model, so there is something to hide.
        await using var db = await host.Db();
        // The chat answer's trace is written by an after-answer handler, just after the answer is shown.
        for (var i = 0; i < 300 && !await db.AgentTraces.AnyAsync(t => t.Agent == PersonaExplorer.Ai.Agents.AgentNames.Responder); i++) await Task.Delay(100);
        Assert.Contains(await db.AgentTraces.Select(t => t.MessagesJson).ToListAsync(), json => json.Contains("never mention ticket prices"));
        return host;
    }

    [Fact]
    public async Task The_turn_inspector_shows_a_participant_the_agents_calls_but_not_the_condition_instructions()
    {
        await using var host = await ParticipantAfterOneTurnAsync(StudyFeatures.All);
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.RenderWithDialogs<SolutionsPanel>();

        await cut.Find("[data-testid=turn-inspector-open]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=turn-inspector-call]"), c => c.GetAttribute("data-agent") == "responder"));
        foreach (var header in cut.FindAll(".mud-expand-panel-header")) await header.ClickAsync(new()); // open every call

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=turn-inspector-result]")));
        Assert.DoesNotContain("never mention ticket prices", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=prompt-inspector]"));
    }

    [Fact]
    public async Task Why_this_shows_a_participant_the_concepts_and_needs_but_not_the_condition_instructions()
    {
        await using var host = await ParticipantAfterOneTurnAsync(StudyFeatures.All);
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.RenderWithDialogs<ChatPanel>();

        await cut.FindAll("[data-testid=why-this]").Last().ClickAsync(new());

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=why-this-dialog]")));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-circular")));
        Assert.DoesNotContain("never mention ticket prices", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=why-this-prompt]"));
    }

    [Fact]
    public async Task A_chat_only_condition_offers_neither_why_this_nor_the_inspectors()
    {
        await using var host = await ParticipantAfterOneTurnAsync(StudyFeatures.ChatOnly);
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.RenderWithDialogs<ChatPanel>();

        Assert.Contains(host.Explore.Messages, m => m.Role == MessageRole.Assistant);
        Assert.Empty(cut.FindAll("[data-testid=why-this]"));
        Assert.Empty(cut.FindAll("[data-testid=turn-inspector-open]"));
        Assert.Empty(cut.FindAll("[data-testid=prompt-inspector]"));
        Assert.DoesNotContain("never mention ticket prices", cut.Markup);
        Assert.False(host.Services.GetRequiredService<WorkspaceFeatures>().Solutions); // the participant workspace renders no solutions panel, where the inspector lives
    }
}
