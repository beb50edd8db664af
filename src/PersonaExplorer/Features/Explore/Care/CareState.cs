using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;
using PersonaExplorer.Data.Changes;

namespace PersonaExplorer.Features.Explore.Care;

public enum AgentState { Idle, Running, Done, Failed, Cancelled, Skipped }

/// <summary>One agent's progress in the current turn, for its panel's status indicator.</summary>
public sealed record AgentStatus(string Agent, AgentState State, string? Message = null, long? LatencyMs = null)
{
    /// <summary>The <c>data-state</c> value of the indicator: running, done or failed (idle/cancelled/skipped show as done).</summary>
    public string DataState => State switch
    {
        AgentState.Running => "running",
        AgentState.Failed => "failed",
        _ => "done",
    };
}

/// <summary>
/// The CARE panels' state for the session shown in one circuit (scoped): needs, cards, task breakdown, clarifying
/// questions and agent statuses. Background agent work updates it from any thread; components subscribe with
/// <see cref="Subscribe"/> and re-render on their own synchronization context. Collections are replaced, never
/// mutated, so a component always reads a consistent snapshot. Agent traces are not held here: the turn inspector
/// loads them from the database when it opens (a circuit keeps only what its visible panels show).
/// </summary>
public sealed class CareState
{
    private readonly Lock _gate = new();
    private readonly Notifier _changed = new();

    public Guid? SessionId { get; private set; }
    public Guid? ProfileId { get; set; }
    public Guid? CurrentTurnId { get; private set; }
    public IReadOnlyList<Need> Needs { get; private set; } = [];
    public IReadOnlyList<SolutionCard> Cards { get; private set; } = [];
    public IReadOnlyList<SubTask> SubTasks { get; private set; } = [];
    public IReadOnlyList<ClarifyingQuestion> Questions { get; private set; } = [];
    /// <summary>Counts the calls recorded while this session is shown: an open turn inspector reloads when it moves.</summary>
    public int TracesRecorded { get; private set; }
    public IReadOnlyDictionary<string, AgentStatus> Statuses { get; private set; } = new Dictionary<string, AgentStatus>();
    /// <summary>Confirmed needs that no card meets, according to the ranker/critic.</summary>
    public IReadOnlyList<string> UnmetNeeds { get; private set; } = [];
    public string? Critique { get; private set; }

    /// <summary>Cards that are not discarded, pinned first, then by rank.</summary>
    public IReadOnlyList<SolutionCard> VisibleCards => Cards.Where(c => !c.Discarded).OrderByDescending(c => c.Pinned).ThenBy(c => c.Rank).ToList();

    /// <summary>Questions the person has not answered yet.</summary>
    public IReadOnlyList<ClarifyingQuestion> OpenQuestions => Questions.Where(q => q.Answer is null).ToList();

    public AgentStatus StatusOf(string agent) => Statuses.GetValueOrDefault(agent) ?? new AgentStatus(agent, AgentState.Idle);

    public bool IsBusy => Statuses.Values.Any(s => s.State == AgentState.Running);

    /// <summary>
    /// Subscribes to changes; dispose the result in the component's Dispose. Changes come from background threads, so a
    /// component passes <c>() =&gt; InvokeAsync(StateHasChanged)</c>.
    /// </summary>
    public IDisposable Subscribe(Func<Task> onChange) => _changed.Subscribe(onChange);

    public void Load(Guid sessionId, IReadOnlyList<Need> needs, IReadOnlyList<SolutionCard> cards, IReadOnlyList<SubTask> subTasks,
        IReadOnlyList<ClarifyingQuestion> questions, Guid? latestTurnId) => Change(() =>
    {
        SessionId = sessionId;
        CurrentTurnId = latestTurnId;
        Needs = needs;
        Cards = cards;
        SubTasks = subTasks;
        Questions = questions;
        Statuses = new Dictionary<string, AgentStatus>();
        UnmetNeeds = [];
        Critique = null;
    });

    /// <summary>No session is open (a new exploration).</summary>
    public void Clear() => Change(() =>
    {
        SessionId = null;
        CurrentTurnId = null;
        Needs = [];
        Cards = [];
        SubTasks = [];
        Questions = [];
        Statuses = new Dictionary<string, AgentStatus>();
        UnmetNeeds = [];
        Critique = null;
    });

    public void BeginTurn(Guid sessionId, Guid turnId, IEnumerable<string> agents) => Change(() =>
    {
        if (SessionId != sessionId) return;
        CurrentTurnId = turnId;
        Questions = [];
        Statuses = agents.ToDictionary(a => a, a => new AgentStatus(a, AgentState.Running));
    });

    public void SetStatus(Guid sessionId, AgentStatus status) => Change(() =>
    {
        if (SessionId != sessionId) return;
        Statuses = new Dictionary<string, AgentStatus>(Statuses) { [status.Agent] = status };
    });

    /// <summary>
    /// Calls of a turn were made (they are stored by <see cref="TurnRecordStore"/>): an open turn inspector reloads. The
    /// calls themselves are not kept — prompts and results of every turn would grow the circuit with the session.
    /// </summary>
    public void AddTraces(Guid sessionId, Guid turnId, IEnumerable<AgentCallTrace> calls) => Change(() =>
    {
        if (SessionId != sessionId) return;
        TracesRecorded++;
    });

    public void SetNeeds(Guid sessionId, IReadOnlyList<Need> needs) => Change(() => { if (SessionId == sessionId) Needs = needs; });

    public void SetCards(Guid sessionId, IReadOnlyList<SolutionCard> cards) => Change(() => { if (SessionId == sessionId) Cards = cards; });

    public void SetSubTasks(Guid sessionId, IReadOnlyList<SubTask> subTasks) => Change(() => { if (SessionId == sessionId) SubTasks = subTasks; });

    public void SetQuestions(Guid sessionId, IReadOnlyList<ClarifyingQuestion> questions) => Change(() => { if (SessionId == sessionId) Questions = questions; });

    public void SetCritique(Guid sessionId, IReadOnlyList<string> unmet, string? critique) => Change(() =>
    {
        if (SessionId != sessionId) return;
        UnmetNeeds = unmet;
        Critique = string.IsNullOrWhiteSpace(critique) ? null : critique;
    });

    /// <summary>Replaces one need / card / sub-task by id (after a user action).</summary>
    public void Replace(Need need) => Change(() => Needs = ReplaceById(Needs, need, n => n.Id));
    public void Replace(SolutionCard card) => Change(() => Cards = ReplaceById(Cards, card, c => c.Id));
    public void Replace(SubTask task) => Change(() => SubTasks = ReplaceById(SubTasks, task, t => t.Id));
    public void Replace(ClarifyingQuestion question) => Change(() => Questions = ReplaceById(Questions, question, q => q.Id));

    private static IReadOnlyList<T> ReplaceById<T>(IReadOnlyList<T> items, T item, Func<T, Guid> id)
    {
        var list = items.ToList();
        var at = list.FindIndex(x => id(x) == id(item));
        if (at >= 0) list[at] = item; else list.Add(item);
        return list;
    }

    // Background agents change the state from any thread: the change is atomic, the notification does not hold them up.
    private void Change(Action change)
    {
        lock (_gate) change();
        _ = _changed.NotifyAsync();
    }
}
