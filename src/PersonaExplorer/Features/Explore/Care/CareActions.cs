using System.Text;
using PersonaExplorer.Data;
using PersonaExplorer.Data.Changes;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>
/// The person's actions on the CARE panels: each one is saved, reflected in <see cref="CareState"/> and logged as an
/// <see cref="InteractionEvent"/>. Actions that need a chat turn (a quick reply, "refine this") return the message
/// text for the chat to send.
/// </summary>
public sealed class CareActions(
    NeedStore needs, SolutionStore solutions, TaskBreakdownStore breakdown, TurnRecordStore records, CareState state, EventLog events,
    SessionStore? sessions = null)
{
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <summary>Shows the panels of this session (loads them unless they are already shown); null clears them.</summary>
    public async Task EnsureSessionAsync(Guid? sessionId, Guid? profileId = null)
    {
        await _loading.WaitAsync();
        try
        {
            if (sessionId == state.SessionId) return;
            if (sessionId is { } id) await LoadSessionAsync(id, profileId);
            else state.Clear();
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Loads a session's panels into <see cref="CareState"/>.</summary>
    public async Task LoadSessionAsync(Guid sessionId, Guid? profileId = null, CancellationToken ct = default)
    {
        var needList = await needs.ListAsync(sessionId, ct);
        var cards = await solutions.ListAsync(sessionId, ct);
        var subTasks = await breakdown.ListAsync(sessionId, ct);
        var questions = await records.LatestQuestionsAsync(sessionId, ct);
        var latestTurn = await records.LatestTurnAsync(sessionId, ct);
        state.ProfileId = profileId;
        state.Load(sessionId, needList, cards, subTasks, questions, latestTurn);
    }

    /// <summary>A need the chat answer uses changed (confirmed, edited, added, or no longer confirmed): live steering listens.</summary>
    public IDisposable SubscribeNeedsSteered(Func<string, Task> handler) => _needsSteered.Subscribe(handler);

    private readonly Notifier<string> _needsSteered = new();

    private Task SteerAsync(string what) => _needsSteered.NotifyAsync(what);

    private static bool InPrompt(NeedStatus s) => s is NeedStatus.Confirmed or NeedStatus.Edited;

    public Task ConfirmNeedAsync(Need need) => SetNeedStatusAsync(need, NeedStatus.Confirmed, EventTypes.Care.NeedConfirmed);

    public Task RejectNeedAsync(Need need) => SetNeedStatusAsync(need, NeedStatus.Rejected, EventTypes.Care.NeedRejected);

    public async Task EditNeedAsync(Need need, string statement)
    {
        if (string.IsNullOrWhiteSpace(statement) || statement.Trim() == need.Statement) return;
        if (await needs.EditAsync(need.Id, statement) is { } saved)
        {
            state.Replace(saved);
            await LogAsync(EventTypes.Care.NeedEdited, need.SessionId, new { needId = need.Id, before = need.Statement, after = saved.Statement });
            await SteerAsync($"edited need \"{saved.Statement}\"");
        }
    }

    public async Task SetNeedPriorityAsync(Need need, int priority)
    {
        if (await needs.SetPriorityAsync(need.Id, priority) is { } saved)
        {
            state.Replace(saved);
            await LogAsync(EventTypes.Care.NeedPriority, need.SessionId, new { needId = need.Id, before = need.Priority, after = saved.Priority });
        }
    }

    public async Task<Need?> AddNeedAsync(Guid sessionId, string statement, int priority = 2)
    {
        if (string.IsNullOrWhiteSpace(statement)) return null;
        var need = await needs.AddAsync(sessionId, statement, priority);
        state.Replace(need);
        await LogAsync(EventTypes.Care.NeedAdded, sessionId, new { needId = need.Id, statement = need.Statement, priority = need.Priority });
        if (InPrompt(need.Status)) await SteerAsync($"added need \"{need.Statement}\"");
        return need;
    }

    public async Task TogglePinAsync(SolutionCard card)
    {
        if (await solutions.SetPinnedAsync(card.Id, !card.Pinned) is { } saved)
        {
            state.Replace(saved);
            await LogAsync(saved.Pinned ? EventTypes.Care.CardPinned : EventTypes.Care.CardUnpinned, card.SessionId, new { cardId = card.Id, title = card.Title });
        }
    }

    public async Task DiscardCardAsync(SolutionCard card)
    {
        if (await solutions.DiscardAsync(card.Id) is { } saved)
        {
            state.Replace(saved);
            await LogAsync(EventTypes.Care.CardDiscarded, card.SessionId, new { cardId = card.Id, title = card.Title });
        }
    }

    /// <summary>Logs "refine this" and returns the follow-up message the chat sends as the person's next turn.</summary>
    public async Task<string> RefineCardAsync(SolutionCard card, string? instruction = null)
    {
        await LogAsync(EventTypes.Care.CardRefine, card.SessionId, new { cardId = card.Id, title = card.Title, instruction });
        return string.IsNullOrWhiteSpace(instruction)
            ? $"Refine the solution \"{card.Title}\": make it more concrete and tailored to my needs."
            : $"Refine the solution \"{card.Title}\": {instruction.Trim()}";
    }

    public Task CompareCardsAsync(SolutionCard first, SolutionCard second) =>
        LogAsync(EventTypes.Care.CardCompare, first.SessionId, new { cardIds = new[] { first.Id, second.Id }, titles = new[] { first.Title, second.Title } });

    /// <summary>The pinned cards as one markdown document (logged as an export).</summary>
    public async Task<string> ExportPinnedMarkdownAsync(Guid sessionId)
    {
        var pinned = state.Cards.Where(c => c.SessionId == sessionId && c.Pinned && !c.Discarded).OrderBy(c => c.Rank).ToList();
        await LogAsync(EventTypes.Care.CardsExported, sessionId, new { cardIds = pinned.Select(c => c.Id) });
        return ToMarkdown(pinned);
    }

    public static string ToMarkdown(IEnumerable<SolutionCard> cards)
    {
        var sb = new StringBuilder("# Pinned solutions\n");
        foreach (var c in cards)
        {
            sb.Append("\n## ").Append(c.Title).Append("\n\n").Append(c.Summary.Trim()).Append('\n');
            AppendList(sb, "Meets", c.MeetsNeeds);
            AppendList(sb, "Shaped by", c.ConceptsUsed);
            AppendList(sb, "Trade-offs", c.TradeOffs);
            AppendList(sb, "Does not meet", c.UnmetNeeds);
        }
        return sb.ToString();
    }

    public async Task ToggleOptionAsync(SubTask task, string option)
    {
        if (await breakdown.ToggleOptionAsync(task.Id, option) is { } saved)
        {
            state.Replace(saved);
            var picked = saved.SelectedOptions.Contains(option);
            await LogAsync(picked ? EventTypes.Care.OptionPicked : EventTypes.Care.OptionUnpicked, task.SessionId, new { subTaskId = task.Id, subTask = task.Title, option });
        }
    }

    /// <summary>Records the clicked quick reply and returns the message the chat sends as the person's answer.</summary>
    public async Task<string> AnswerQuestionAsync(ClarifyingQuestion question, string reply)
    {
        if (await records.AnswerAsync(question.Id, reply) is { } saved) state.Replace(saved);
        await LogAsync(EventTypes.Care.QuickReply, question.SessionId, new { questionId = question.Id, question = question.Question, reply });
        return reply;
    }

    public Task LogSolutionsUpdateAsync(Guid sessionId) => LogAsync(EventTypes.Care.SolutionsUpdate, sessionId, null);

    public Task LogTraceOpenedAsync(Guid sessionId, Guid? turnId) => LogAsync(EventTypes.Care.TraceOpened, sessionId, new { turnId });

    private async Task SetNeedStatusAsync(Need need, NeedStatus status, string eventType)
    {
        if (await needs.SetStatusAsync(need.Id, status) is { } saved)
        {
            state.Replace(saved);
            await LogAsync(eventType, need.SessionId, new { needId = need.Id, statement = need.Statement, kind = need.Kind.ToString(), before = need.Status.ToString() });
            if (InPrompt(status) != InPrompt(need.Status)) await SteerAsync($"{status.ToString().ToLowerInvariant()} need \"{saved.Statement}\"");
        }
    }

    private async Task LogAsync(string type, Guid sessionId, object? payload)
    {
        // An event about someone else's session would land in their data (and their study log): not found, nothing written.
        if (sessions is not null && await sessions.FindAsync(sessionId) is null) return;
        await events.RecordAsync(type, sessionId, state.ProfileId, payload);
    }

    private static void AppendList(StringBuilder sb, string heading, List<string> items)
    {
        if (items.Count == 0) return;
        sb.Append("\n**").Append(heading).Append(":**\n");
        foreach (var item in items) sb.Append("- ").Append(item).Append('\n');
    }
}
