using Bunit;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore.Care;

public class SolutionsPanelTests
{
    private static async Task<CareHost> AfterOneTurnAsync()
    {
        var host = await CareHost.StartAsync();
        var (session, message) = await host.SessionAsync("I want a relaxed trip with my kids, under $800.");
        await host.Explore.LoadAsync(session);
        await host.StartTurnAsync(session, message);
        return host;
    }

    [Fact]
    public async Task Cards_can_be_pinned_and_discarded()
    {
        await using var host = await AfterOneTurnAsync();
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.Render<SolutionsPanel>();
        var cards = cut.FindAll("[data-testid=solution-card]");
        Assert.InRange(cards.Count, 2, 4);
        Assert.All(cards, c => Assert.Equal("false", c.GetAttribute("data-pinned")));
        var second = cards[1].GetAttribute("data-card-id");

        await cut.Find($"[data-card-id='{second}'] [data-testid=solution-pin]").ClickAsync(new());
        cut.WaitForAssertion(() =>
        {
            var first = cut.FindAll("[data-testid=solution-card]")[0];
            Assert.Equal(second, first.GetAttribute("data-card-id"));
            Assert.Equal("true", first.GetAttribute("data-pinned"));
        });

        var last = cut.FindAll("[data-testid=solution-card]")[^1].GetAttribute("data-card-id");
        await cut.Find($"[data-card-id='{last}'] [data-testid=solution-discard]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-card-id='{last}']")));
    }

    [Fact]
    public async Task Cards_show_the_needs_they_meet_and_the_agent_statuses()
    {
        await using var host = await AfterOneTurnAsync();
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.Render<SolutionsPanel>();

        Assert.NotEmpty(cut.FindAll("[data-testid=solution-meets] li"));
        foreach (var agent in new[] { "planner", "solutions", "ranker" })
            Assert.Equal("done", cut.Find($"[data-testid=agent-status][data-agent={agent}]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task Comparing_two_cards_shows_them_side_by_side()
    {
        await using var host = await AfterOneTurnAsync();
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.RenderWithDialogs<SolutionsPanel>();
        var titles = cut.FindAll("[data-testid=solution-title]").Take(2).Select(t => t.TextContent).ToList();

        await cut.FindAll("[data-testid=solution-compare]")[0].ClickAsync(new());
        await cut.FindAll("[data-testid=solution-compare]")[1].ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            var dialog = cut.Find(".mud-dialog");
            Assert.All(titles, t => Assert.Contains(t, dialog.TextContent));
        });
        Assert.Contains(await Events(host), e => e == EventTypes.Care.CardCompare);
    }

    [Fact]
    public async Task Picking_an_option_marks_it_selected_and_feeds_the_next_answer()
    {
        await using var host = await AfterOneTurnAsync();
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.Render<SolutionsPanel>();
        Assert.NotEmpty(cut.FindAll("[data-testid=subtask]"));

        await cut.FindAll("[data-testid=subtask-option]")[1].ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("true", cut.FindAll("[data-testid=subtask-option]")[1].GetAttribute("data-selected")));
        var context = await host.Turns.ContextAsync(host.State.SessionId!.Value);
        Assert.Equal(host.State.SubTasks[0].Options[1], Assert.Single(context.PickedOptions).Option);
    }

    [Fact]
    public async Task Refine_this_sends_a_follow_up_message_about_the_card()
    {
        await using var host = await AfterOneTurnAsync();
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.Render<SolutionsPanel>();
        var title = cut.FindAll("[data-testid=solution-title]")[0].TextContent;

        await cut.FindAll("[data-testid=solution-refine]")[0].ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains(host.Explore.Messages, m => m.Role == MessageRole.User && m.Content.Contains(title)));
        Assert.Contains(EventTypes.Care.CardRefine, await Events(host));
    }

    [Fact]
    public async Task The_turn_inspector_shows_every_agent_call_with_latency_tokens_and_the_chat_prompt()
    {
        await using var host = await AfterOneTurnAsync();
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.RenderWithDialogs<SolutionsPanel>();

        await cut.Find("[data-testid=turn-inspector-open]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=turn-inspector]")));
        var calls = cut.FindAll("[data-testid=turn-inspector-call]");
        Assert.Equal(["inquiry", "needs", "planner", "ranker", "solutions"], calls.Select(c => c.GetAttribute("data-agent")!).Order());
        Assert.Contains("tokens", calls[0].TextContent);
        Assert.Contains("<user_profile>", cut.Find("[data-testid=prompt-inspector]").TextContent);
    }

    [Fact]
    public async Task Exporting_pinned_cards_shows_them_as_markdown()
    {
        await using var host = await AfterOneTurnAsync();
        await host.Actions.TogglePinAsync(host.State.VisibleCards[0]);
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.RenderWithDialogs<SolutionsPanel>();

        await cut.Find("[data-testid=solutions-export]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains($"## {host.State.VisibleCards[0].Title}", cut.Find("[data-testid=solution-export-text]").TextContent));
    }

    private static async Task<List<string>> Events(CareHost host)
    {
        await using var db = await host.Db();
        return db.Events.Select(e => e.Type).ToList();
    }
}
