using System.Net;
using Bunit;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Explore.Care;

namespace PersonaExplorer.Tests.Features.Explore.Care;

public class NeedsPanelTests
{
    private const string Request = "I want a relaxed trip with my kids, under $800.";

    private static async Task<(CareHost Host, Guid Session)> AfterOneTurnAsync(Action<AgentChatClient>? script = null)
    {
        var host = await CareHost.StartAsync();
        script?.Invoke(host.Model);
        var (session, message) = await host.SessionAsync(Request);
        await host.Explore.LoadAsync(session);
        await host.StartTurnAsync(session, message);
        return (host, session);
    }

    [Fact]
    public async Task Needs_show_their_kind_and_status_and_the_filter_keeps_one_kind()
    {
        var (host, _) = await AfterOneTurnAsync();
        await using var _ = host;
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.Render<NeedsPanel>();

        var items = cut.FindAll("[data-testid=need-item]");
        Assert.Contains(items, i => i.GetAttribute("data-kind") == "explicit");
        Assert.Contains(items, i => i.GetAttribute("data-kind") == "implicit");
        Assert.All(items, i => Assert.Equal("proposed", i.GetAttribute("data-status")));
        Assert.Equal("done", cut.Find("[data-testid=agent-status][data-agent=needs]").GetAttribute("data-state"));

        await cut.FindAll("[data-testid=need-filter] .mud-chip").Single(c => c.TextContent.Contains("Inferred")).ClickAsync(new());

        cut.WaitForAssertion(() => Assert.All(cut.FindAll("[data-testid=need-item]"), i => Assert.Equal("implicit", i.GetAttribute("data-kind"))));
    }

    [Fact]
    public async Task Confirm_reject_and_edit_change_the_need_in_place()
    {
        var (host, _) = await AfterOneTurnAsync();
        await using var _ = host;
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.Render<NeedsPanel>();
        var firstId = cut.FindAll("[data-testid=need-item]")[0].GetAttribute("data-need-id");

        await cut.FindAll("[data-testid=need-confirm]")[0].ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("confirmed", cut.Find($"[data-need-id='{firstId}']").GetAttribute("data-status")));

        await cut.Find($"[data-need-id='{firstId}'] [data-testid=need-edit]").ClickAsync(new());
        cut.Find("[data-testid=need-edit-text]").Change("Short walking distances");
        await cut.Find("[data-testid=need-edit-save]").ClickAsync(new());
        cut.WaitForAssertion(() =>
        {
            var edited = cut.Find($"[data-need-id='{firstId}']");
            Assert.Equal("edited", edited.GetAttribute("data-status"));
            Assert.Contains("Short walking distances", edited.TextContent);
        });

        var other = cut.FindAll("[data-testid=need-item]").First(i => i.GetAttribute("data-need-id") != firstId).GetAttribute("data-need-id");
        await cut.Find($"[data-need-id='{other}'] [data-testid=need-reject]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("rejected", cut.Find($"[data-need-id='{other}']").GetAttribute("data-status")));
        Assert.Contains(host.State.Needs, n => n.Id.ToString() == other && n.Status == PersonaExplorer.Data.NeedStatus.Rejected);
    }

    [Fact]
    public async Task Need_actions_name_what_they_do_in_a_title_and_keep_no_tooltip_popover_per_row()
    {
        var (host, _) = await AfterOneTurnAsync();
        await using var _ = host;
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.Render<NeedsPanel>();
        var need = cut.FindAll("[data-testid=need-item]")[0];

        Assert.Equal("Confirm: the answers will respect it", need.QuerySelector("[data-testid=need-confirm]")!.GetAttribute("title"));
        Assert.Equal("Reject: it will not be proposed again", need.QuerySelector("[data-testid=need-reject]")!.GetAttribute("title"));
        Assert.Equal("Edit in your own words", need.QuerySelector("[data-testid=need-edit]")!.GetAttribute("title"));
        // Only the evidence keeps a MudTooltip: every idle circuit holds these rows, and each tooltip keeps a popover.
        Assert.Single(need.QuerySelectorAll(".mud-tooltip-root"));
    }

    [Fact]
    public async Task A_need_of_your_own_is_added_as_stated_and_confirmed()
    {
        var (host, _) = await AfterOneTurnAsync();
        await using var _ = host;
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.Render<NeedsPanel>();

        cut.Find("[data-testid=need-add-text]").Input("Near a beach");
        await cut.Find("[data-testid=need-add]").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            var added = cut.FindAll("[data-testid=need-item]").Single(i => i.TextContent.Contains("Near a beach"));
            Assert.Equal("explicit", added.GetAttribute("data-kind"));
            Assert.Equal("confirmed", added.GetAttribute("data-status"));
        });
    }

    [Fact]
    public async Task A_failed_analyst_shows_a_clear_message_in_the_panel()
    {
        var (host, _) = await AfterOneTurnAsync(m => m.On<NeedsAnalysis>(_ => throw new HttpRequestException("x", null, HttpStatusCode.TooManyRequests)));
        await using var _ = host;
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.Render<NeedsPanel>();

        Assert.Equal("failed", cut.Find("[data-testid=agent-status][data-agent=needs]").GetAttribute("data-state"));
        Assert.Contains("429", cut.Find("[data-testid=agent-problem][data-agent=needs]").TextContent);
    }

    [Fact]
    public async Task The_status_indicator_shows_running_while_the_analyst_works()
    {
        await using var host = await CareHost.StartAsync();
        var release = new TaskCompletionSource();
        host.Model.OnAsync<NeedsAnalysis>(async c => { await release.Task.WaitAsync(c.Token); return """{"needs":[]}"""; });
        var (session, message) = await host.SessionAsync(Request);
        await host.Explore.LoadAsync(session);
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.Render<NeedsPanel>();

        var turn = host.StartTurnAsync(session, message);
        cut.WaitForAssertion(() => Assert.Equal("running", cut.Find("[data-testid=agent-status][data-agent=needs]").GetAttribute("data-state")), TimeSpan.FromSeconds(10));
        release.SetResult();
        await turn;

        cut.WaitForAssertion(() => Assert.Equal("done", cut.Find("[data-testid=agent-status][data-agent=needs]").GetAttribute("data-state")));
    }
}
