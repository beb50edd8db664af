using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore.Care;

public class CareActionsTests
{
    [Fact]
    public async Task Every_panel_action_is_saved_shown_and_logged_as_an_interaction_event()
    {
        await using var host = await CareHost.StartAsync();
        var (session, message) = await host.SessionAsync("Help me plan a trip with my kids");
        await host.Orchestrator.StartTurnAsync(session, message, new TurnContext([]));
        var state = host.State;
        var actions = host.Actions;
        var (first, second) = (state.Needs[0], state.Needs[1]);
        var cards = state.VisibleCards;

        await actions.ConfirmNeedAsync(first);
        await actions.RejectNeedAsync(second);
        await actions.EditNeedAsync(state.Needs[0], "Short walking distances");
        await actions.SetNeedPriorityAsync(state.Needs[0], 1);
        await actions.AddNeedAsync(session, "Near a beach");
        await actions.TogglePinAsync(cards[0]);
        await actions.DiscardCardAsync(cards[1]);
        var refine = await actions.RefineCardAsync(cards[0]);
        await actions.CompareCardsAsync(cards[0], cards[2]);
        var markdown = await actions.ExportPinnedMarkdownAsync(session);
        await actions.ToggleOptionAsync(state.SubTasks[0], state.SubTasks[0].Options[1]);
        var question = state.OpenQuestions[0];
        var reply = await actions.AnswerQuestionAsync(question, question.QuickReplies[0]);

        Assert.Equal(NeedStatus.Edited, state.Needs[0].Status);
        Assert.Equal("Short walking distances", state.Needs[0].Statement);
        Assert.Equal(1, state.Needs[0].Priority);
        Assert.Equal(NeedStatus.Rejected, state.Needs[1].Status);
        Assert.Contains(state.Needs, n => n.Statement == "Near a beach" && n.Status == NeedStatus.Confirmed);
        Assert.True(state.VisibleCards[0].Pinned);
        Assert.DoesNotContain(state.VisibleCards, c => c.Id == cards[1].Id);
        Assert.Contains(cards[0].Title, refine);
        Assert.Contains($"## {cards[0].Title}", markdown);
        Assert.Equal([state.SubTasks[0].Options[1]], state.SubTasks[0].SelectedOptions);
        Assert.Equal(question.QuickReplies[0], reply);
        Assert.DoesNotContain(state.OpenQuestions, q => q.Id == question.Id);

        await using var db = await host.Db();
        var types = await db.Events.Where(e => e.SessionId == session).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
        Assert.Equal(
        [
            EventTypes.Care.NeedConfirmed, EventTypes.Care.NeedRejected, EventTypes.Care.NeedEdited, EventTypes.Care.NeedPriority, EventTypes.Care.NeedAdded,
            EventTypes.Care.CardPinned, EventTypes.Care.CardDiscarded, EventTypes.Care.CardRefine, EventTypes.Care.CardCompare, EventTypes.Care.CardsExported,
            EventTypes.Care.OptionPicked, EventTypes.Care.QuickReply,
        ], types);
        Assert.Equal(NeedStatus.Edited, (await db.Needs.SingleAsync(n => n.Id == first.Id)).Status);
    }

    [Fact]
    public async Task Loading_a_session_restores_its_panels_and_its_latest_turn()
    {
        await using var host = await CareHost.StartAsync();
        var (session, message) = await host.SessionAsync("Help me choose a laptop");
        await host.Orchestrator.StartTurnAsync(session, message, new TurnContext([]));
        var before = host.State;

        var fresh = new CareState();
        var s = host.Services;
        var actions = new CareActions(s.GetRequiredService<NeedStore>(), s.GetRequiredService<SolutionStore>(),
            s.GetRequiredService<TaskBreakdownStore>(), s.GetRequiredService<TurnRecordStore>(), fresh, s.GetRequiredService<EventLog>());
        await actions.LoadSessionAsync(session);

        Assert.Equal(before.Needs.Select(n => n.Id), fresh.Needs.Select(n => n.Id));
        Assert.Equal(before.VisibleCards.Select(c => c.Title), fresh.VisibleCards.Select(c => c.Title));
        Assert.Equal(before.SubTasks.Select(t => t.Title), fresh.SubTasks.Select(t => t.Title));
        Assert.Equal(before.Questions.Select(q => q.Question), fresh.Questions.Select(q => q.Question));
        Assert.Equal(message, fresh.CurrentTurnId); // the inspector opens on it and loads its calls then
    }
}
