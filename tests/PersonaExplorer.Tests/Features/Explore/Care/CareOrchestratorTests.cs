using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Features.Profiles;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Profiles.Steering;

namespace PersonaExplorer.Tests.Features.Explore.Care;

public class CareOrchestratorTests
{
    private static readonly TurnContext Profile = new([new("prefers vegetarian food", "diet", 0.8)]);
    private const string TripRequest = "I want a relaxed trip with my kids, under $800.";

    [Fact]
    public async Task An_offline_turn_fills_every_panel_and_keeps_a_trace_of_each_call()
    {
        await using var host = await CareHost.StartAsync();
        var (session, message) = await host.SessionAsync(TripRequest);

        await host.Orchestrator.StartTurnAsync(session, message, Profile);

        var state = host.State;
        Assert.All(AgentNames.PanelAgents, a => Assert.Equal(AgentState.Done, state.StatusOf(a).State));
        Assert.Contains(state.Needs, n => n.Kind == NeedKind.Explicit && n.Statement.Contains("$800"));
        // the request's own constraints are explicit needs; the trip family adds an implicit one
        Assert.Contains(state.Needs, n => n.Kind == NeedKind.Explicit && n.Statement.Contains("kids"));
        Assert.Contains(state.Needs, n => n.Kind == NeedKind.Implicit);
        Assert.InRange(state.VisibleCards.Count, 2, 4);
        // A card names only the concepts that really shaped it: no trip option depends on diet, so none claims it.
        Assert.All(state.VisibleCards, c => Assert.DoesNotContain("prefers vegetarian food", c.ConceptsUsed));
        Assert.NotEmpty(state.SubTasks);
        Assert.NotEmpty(state.OpenQuestions);
        var calls = await host.Services.GetRequiredService<TurnRecordStore>().ListCallsAsync(session, message);
        Assert.Equal(AgentNames.PanelAgents.Order(), calls.Select(c => c.Agent).Order());
        Assert.True(state.TracesRecorded > 0, "an open turn inspector is told to reload");

        await using var db = await host.Db();
        Assert.Equal(5, await db.AgentTraces.CountAsync(t => t.TurnId == message));
        Assert.Equal(state.Needs.Count, await db.Needs.CountAsync(n => n.SessionId == session));
    }

    [Fact]
    public async Task The_independent_agents_overlap_in_time()
    {
        await using var host = await CareHost.StartAsync();
        var (session, message) = await host.SessionAsync(TripRequest);
        host.Model.Delay = TimeSpan.FromMilliseconds(400);

        await host.Orchestrator.StartTurnAsync(session, message, Profile);

        // Inquiry, needs, planner and designer run together; the cards are then ranked locally, without a model call,
        // so the turn is as long as its slowest agent.
        Assert.True(host.Model.MaxActive >= 4, $"at most {host.Model.MaxActive} calls ran at once");
        var calls = host.Model.Calls.ToList();
        Assert.DoesNotContain(calls, c => c.Schema == nameof(RankingResult));
        Assert.Equal(4, calls.Count);
        // Every call started before any of them ended (timing-independent overlap check).
        Assert.True(calls.Max(c => c.Started) < calls.Min(c => c.Ended!.Value));
        Assert.Equal(AgentState.Done, host.State.StatusOf(AgentNames.Ranker).State);
    }

    [Fact]
    public async Task A_new_message_cancels_every_call_of_the_stale_turn()
    {
        await using var host = await CareHost.StartAsync();
        var (session, first) = await host.SessionAsync(TripRequest);
        foreach (var register in new Action<Func<AgentCall, Task<string>>>[]
                 { h => host.Model.OnAsync<InquiryResult>(h), h => host.Model.OnAsync<NeedsAnalysis>(h), h => host.Model.OnAsync<TaskPlan>(h), h => host.Model.OnAsync<SolutionDesign>(h) })
            register(async c => { await Task.Delay(Timeout.Infinite, c.Token); return ""; });

        var stale = host.Orchestrator.StartTurnAsync(session, first, Profile);
        await WaitUntil(() => host.Model.Active == 4);
        var staleCalls = host.Model.Calls.ToList();
        host.Orchestrator.Cancel();
        await stale.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, host.Model.Active);
        Assert.All(staleCalls, c => Assert.True(c.SawCancellation && c.Ended is not null));
        Assert.DoesNotContain(host.Model.Calls, c => c.Schema == nameof(RankingResult));
        Assert.All(AgentNames.PanelAgents, a => Assert.NotEqual(AgentState.Running, host.State.StatusOf(a).State));
    }

    [Fact]
    public async Task Starting_a_turn_cancels_the_previous_one_and_only_the_new_turn_fills_the_panels()
    {
        await using var host = await CareHost.StartAsync();
        var (session, first) = await host.SessionAsync(TripRequest, "Here are some ideas.", "Actually, help me choose a laptop.");
        host.Model.OnAsync<SolutionDesign>(async c =>
        {
            if (c.Messages[^1].Text.Contains(TripRequest) && !c.Messages[^1].Text.Contains("laptop"))
                await Task.Delay(Timeout.Infinite, c.Token);
            return """{"solutions":[{"title":"Lightweight all-rounder"},{"title":"Performance pick"}]}""";
        });
        await using (var db = await host.Db())
            first = await db.Messages.Where(m => m.SessionId == session && m.Sequence == 0).Select(m => m.Id).SingleAsync();
        var latest = await LatestUserMessage(host, session);

        var stale = host.Orchestrator.StartTurnAsync(session, first, Profile);
        await WaitUntil(() => host.Model.Calls.Any(c => c.Schema == nameof(SolutionDesign)));
        await host.Orchestrator.StartTurnAsync(session, latest, Profile);
        await stale.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(host.Model.Calls.First(c => c.Schema == nameof(SolutionDesign)).SawCancellation);
        Assert.Equal(["Lightweight all-rounder", "Performance pick"], host.State.VisibleCards.Select(c => c.Title).Order());
        Assert.Equal(latest, host.State.CurrentTurnId);
    }

    [Fact]
    public async Task One_failing_agent_shows_its_error_and_the_others_results_are_kept()
    {
        await using var host = await CareHost.StartAsync();
        var (session, message) = await host.SessionAsync(TripRequest);
        host.Model.On<NeedsAnalysis>(_ => throw new HttpRequestException("down", null, HttpStatusCode.BadGateway));
        host.Model.On<TaskPlan>(_ => "not json at all");

        await host.Orchestrator.StartTurnAsync(session, message, Profile);

        var state = host.State;
        Assert.Equal(AgentState.Failed, state.StatusOf(AgentNames.Needs).State);
        Assert.Contains("502", state.StatusOf(AgentNames.Needs).Message);
        Assert.Equal(AgentState.Failed, state.StatusOf(AgentNames.Planner).State);
        Assert.Contains("even after a retry", state.StatusOf(AgentNames.Planner).Message);
        Assert.Equal(AgentState.Done, state.StatusOf(AgentNames.Solutions).State);
        Assert.Equal(AgentState.Done, state.StatusOf(AgentNames.Inquiry).State);
        Assert.NotEmpty(state.VisibleCards);
        Assert.NotEmpty(state.OpenQuestions);
        Assert.Equal(2, (await host.Services.GetRequiredService<TurnRecordStore>().ListCallsAsync(session, message)).Count(c => c.Agent == AgentNames.Planner));
        await using var db = await host.Db();
        Assert.Equal(TripRequest, (await db.Messages.SingleAsync(m => m.Id == message)).Content);
    }

    [Fact]
    public async Task When_the_designer_fails_the_ranker_is_skipped_with_a_reason()
    {
        await using var host = await CareHost.StartAsync();
        var (session, message) = await host.SessionAsync(TripRequest);
        host.Model.On<SolutionDesign>(_ => """{"solutions":[]}""");

        await host.Orchestrator.StartTurnAsync(session, message, Profile);

        Assert.Equal(AgentState.Failed, host.State.StatusOf(AgentNames.Solutions).State);
        Assert.Equal(AgentState.Skipped, host.State.StatusOf(AgentNames.Ranker).State);
        Assert.DoesNotContain(host.Model.Calls, c => c.Schema == nameof(RankingResult));
    }

    [Fact]
    public async Task A_rejected_need_stays_rejected_when_the_next_turn_proposes_it_again()
    {
        await using var host = await CareHost.StartAsync();
        var (session, message) = await host.SessionAsync(TripRequest);
        await host.Orchestrator.StartTurnAsync(session, message, Profile);
        var kids = host.State.Needs.Single(n => n.Statement == "Suits your kids");
        await host.Actions.RejectNeedAsync(kids);
        host.Model.On<NeedsAnalysis>(_ => """{"needs":[{"statement":"Suitable for your young children","kind":"implicit","evidence":"with my kids","confidence":0.9,"priority":2}]}""");

        await host.Orchestrator.StartTurnAsync(session, message, Profile);

        Assert.DoesNotContain(host.State.Needs, n => n.Statement == "Suitable for your young children");
        Assert.Equal(NeedStatus.Rejected, host.State.Needs.Single(n => n.Id == kids.Id).Status);
    }

    [Fact]
    public async Task The_chat_context_adds_confirmed_and_edited_needs_picked_options_and_pinned_cards()
    {
        await using var host = await CareHost.StartAsync();
        var (session, message) = await host.SessionAsync(TripRequest);
        await host.Orchestrator.StartTurnAsync(session, message, Profile);
        var state = host.State;
        var needs = state.Needs.ToList();
        await host.Actions.ConfirmNeedAsync(needs[0]);
        await host.Actions.EditNeedAsync(needs[1], "Playgrounds nearby");
        await host.Actions.RejectNeedAsync(needs[2]);
        await host.Actions.ToggleOptionAsync(state.SubTasks[1], state.SubTasks[1].Options[0]);
        await host.Actions.TogglePinAsync(state.VisibleCards[0]);

        var context = SteeringContextBuilder.ForConcepts(Profile.Concepts, await host.Services.GetRequiredService<IWorkspaceSteering>().ReadAsync(session));

        Assert.Equal(Profile.Concepts, context.Concepts);
        Assert.Equal([needs[0].Statement, "Playgrounds nearby"], context.ConfirmedNeeds.Order().Reverse().Order());
        Assert.DoesNotContain(needs[2].Statement, context.ConfirmedNeeds);
        Assert.Equal([new PickedOption(state.SubTasks[1].Title, state.SubTasks[1].Options[0])], context.PickedOptions);
        Assert.Equal(state.VisibleCards[0].Title, Assert.Single(context.PinnedCards).Title);
    }

    [Fact]
    public async Task Update_solutions_designs_again_from_the_confirmed_needs_and_keeps_pinned_cards()
    {
        await using var host = await CareHost.StartAsync();
        var (session, message) = await host.SessionAsync(TripRequest);
        await host.Orchestrator.StartTurnAsync(session, message, Profile);
        var pinned = host.State.VisibleCards[^1];
        await host.Actions.TogglePinAsync(pinned);
        await host.Actions.AddNeedAsync(session, "Near a beach");

        var context = SteeringContextBuilder.ForConcepts(Profile.Concepts, await host.Services.GetRequiredService<IWorkspaceSteering>().ReadAsync(session));
        await host.Orchestrator.UpdateSolutionsAsync(session, context);

        var designCall = host.Model.Calls.Last(c => c.Schema == nameof(SolutionDesign));
        Assert.Contains("Near a beach", ChatPrompt.ReadConfirmedNeeds(designCall.Messages[0].Text));
        Assert.Equal(pinned.Id, host.State.VisibleCards[0].Id);
        Assert.True(host.State.VisibleCards[0].Pinned);
        Assert.Equal(AgentState.Done, host.State.StatusOf(AgentNames.Ranker).State);
    }

    private static async Task<Guid> LatestUserMessage(CareHost host, Guid session)
    {
        await using var db = await host.Db();
        return await db.Messages.Where(m => m.SessionId == session && m.Role == MessageRole.User).OrderByDescending(m => m.Sequence).Select(m => m.Id).FirstAsync();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(10);
        }
    }
}
