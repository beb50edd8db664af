using System.Diagnostics;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Explore.Care;

/// <summary>
/// Runs the CARE panel agents of one user turn. Inquiry, needs analyst, task planner and solution designer start
/// together (the ranker follows the designer); the chat answer is streamed by the caller at the same time and never
/// waits for them (on a ChatFirst provider, see <see cref="ProviderScheduler"/>, they start after its first token). Each agent fills its panel when it finishes; one failing only marks its own panel. A new turn (or
/// <see cref="Cancel"/>) cancels every call of the previous one. One instance per circuit (scoped).
/// </summary>
public sealed class CareOrchestrator(
    AgentInputReader inputs,
    InquiryAgent inquiry,
    NeedsAnalystAgent needsAnalyst,
    SolutionDesignerAgent designer,
    RankerAgent ranker,
    LocalRanker localRanker,
    TaskPlannerAgent planner,
    NeedStore needs,
    SolutionStore solutions,
    TaskBreakdownStore breakdown,
    TurnRecordStore records,
    CareState state,
    ProviderScheduler scheduler,
    ILogger<CareOrchestrator> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _turn;
    private CancellationTokenSource? _solutions;

    /// <summary>
    /// Runs the panel agents for the turn started by <paramref name="userMessageId"/> (already saved). Start it
    /// without awaiting before streaming the chat answer, or await it together with the stream. Completes when every
    /// agent has finished, failed or been cancelled; it does not throw for agent failures or cancellation.
    /// </summary>
    /// <param name="chatFirstToken">The turn's chat answer reaching its first token: on a ChatFirst provider the agents start after it.</param>
    public async Task StartTurnAsync(Guid sessionId, Guid userMessageId, TurnContext context, Task? chatFirstToken = null, CancellationToken ct = default)
    {
        var (turnToken, solutionsToken) = BeginRun(ct, newTurn: true);
        state.BeginTurn(sessionId, userMessageId, AgentNames.PanelAgents);
        try
        {
            var chatStarted = chatFirstToken ?? Task.CompletedTask;
            await scheduler.PanelsMayStartAsync(chatStarted, turnToken);
            var input = await inputs.ReadAsync(sessionId, userMessageId, context, turnToken);
            await Task.WhenAll(
                RunAgentAsync(sessionId, userMessageId, AgentNames.Inquiry, t => AfterChatStartsAsync(inquiry.RunAsync(input, t), chatStarted, t), ApplyQuestionsAsync, turnToken),
                RunAgentAsync(sessionId, userMessageId, AgentNames.Needs, t => AfterChatStartsAsync(needsAnalyst.RunAsync(input, t), chatStarted, t), ApplyNeedsAsync, turnToken),
                RunAgentAsync(sessionId, userMessageId, AgentNames.Planner, t => AfterChatStartsAsync(planner.RunAsync(input, t), chatStarted, t), ApplyPlanAsync, turnToken),
                RunSolutionsAsync(sessionId, userMessageId, input, llmCritic: false, solutionsToken, chatStarted));
        }
        catch (OperationCanceledException) when (turnToken.IsCancellationRequested)
        {
            MarkCancelled(sessionId, AgentNames.PanelAgents);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "CARE turn {TurnId} could not start", userMessageId);
            foreach (var agent in AgentNames.PanelAgents)
                state.SetStatus(sessionId, new AgentStatus(agent, AgentState.Failed, "The turn could not be prepared."));
        }
    }

    /// <summary>Designs and ranks solutions again from the current needs ("Update solutions"); cancels an earlier update.</summary>
    public async Task UpdateSolutionsAsync(Guid sessionId, TurnContext context, CancellationToken ct = default)
    {
        var (_, token) = BeginRun(ct, newTurn: false);
        var turnId = await inputs.LatestTurnAsync(sessionId, token);
        foreach (var agent in new[] { AgentNames.Solutions, AgentNames.Ranker })
            state.SetStatus(sessionId, new AgentStatus(agent, AgentState.Running));
        try
        {
            var input = await inputs.ReadAsync(sessionId, turnId == Guid.Empty ? null : turnId, context, token);
            await RunSolutionsAsync(sessionId, turnId, input, llmCritic: true, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            MarkCancelled(sessionId, [AgentNames.Solutions, AgentNames.Ranker]);
        }
    }

    /// <summary>Cancels the running turn (an edited or regenerated message, a closed session).</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            _turn?.Cancel();
            _solutions?.Cancel();
        }
    }

    /// <param name="llmCritic">
    /// false in a turn: cards are ranked locally (MiniLM), so the turn lasts as long as its slowest agent;
    /// true for "Update solutions", where the person asked for a fresh look and the LLM critic also writes a critique.
    /// </param>
    private async Task RunSolutionsAsync(Guid sessionId, Guid turnId, AgentInput input, bool llmCritic, CancellationToken ct, Task? chatStarted = null)
    {
        var saved = new List<SolutionCard>();
        Task<AgentOutcome<RankingResult>>? ranking = null;
        var design = await RunAgentAsync(sessionId, turnId, AgentNames.Solutions, t => AfterChatStartsAsync(designer.RunAsync(input, t), chatStarted ?? Task.CompletedTask, t), async (d, t) =>
        {
            // The ranker's call starts as soon as the cards exist; saving and showing them overlaps with it.
            ranking = llmCritic ? ranker.RunAsync(input, d.Solutions, t) : localRanker.RankAsync(input, d.Solutions, t);
            saved = await solutions.ReplaceAsync(sessionId, turnId, d.Solutions, order: null, t);
            state.SetCards(sessionId, await solutions.ListAsync(sessionId, t));
        }, ct);
        if (design is null || ranking is null)
        {
            if (ranking is not null) await Task.WhenAny(ranking); // the save failed: let the started call end before leaving
            state.SetStatus(sessionId, ct.IsCancellationRequested
                ? new AgentStatus(AgentNames.Ranker, AgentState.Cancelled, "Cancelled by a newer message.")
                : new AgentStatus(AgentNames.Ranker, AgentState.Skipped, "No new solutions to rank."));
            return;
        }
        await RunAgentAsync(sessionId, turnId, AgentNames.Ranker, _ => ranking, async (r, t) =>
        {
            var order = r.Order(saved.Count).Select(i => saved[i].Id).ToList();
            await solutions.ReorderAsync(sessionId, order, t);
            state.SetCards(sessionId, await solutions.ListAsync(sessionId, t));
            state.SetCritique(sessionId, r.UnmetNeeds, r.Critique);
        }, ct);
    }

    /// <summary>
    /// The agent's request goes out at once (a cloud provider answers them in parallel with the chat), but its result is
    /// saved, merged and ranked only once the chat answer has its first token: that work must not compete with the
    /// answer for the CPU at the moment it starts.
    /// </summary>
    private static async Task<AgentOutcome<T>> AfterChatStartsAsync<T>(Task<AgentOutcome<T>> call, Task chatStarted, CancellationToken ct) where T : class
    {
        var outcome = await call;
        await chatStarted.WaitAsync(ct);
        return outcome;
    }

    private async Task ApplyQuestionsAsync(Guid sessionId, Guid turnId, InquiryResult result, CancellationToken ct) =>
        state.SetQuestions(sessionId, await records.SaveQuestionsAsync(sessionId, turnId, result, ct));

    private async Task ApplyNeedsAsync(Guid sessionId, Guid turnId, NeedsAnalysis result, CancellationToken ct)
    {
        await needs.MergeAsync(sessionId, turnId, result.Needs, ct);
        state.SetNeeds(sessionId, await needs.ListAsync(sessionId, ct));
    }

    private async Task ApplyPlanAsync(Guid sessionId, Guid turnId, TaskPlan result, CancellationToken ct)
    {
        await breakdown.ApplyPlanAsync(sessionId, turnId, result, ct);
        state.SetSubTasks(sessionId, await breakdown.ListAsync(sessionId, ct));
    }

    private Task<T?> RunAgentAsync<T>(Guid sessionId, Guid turnId, string agent, Func<CancellationToken, Task<AgentOutcome<T>>> call,
        Func<Guid, Guid, T, CancellationToken, Task> apply, CancellationToken ct) where T : class =>
        RunAgentAsync(sessionId, turnId, agent, call, (result, t) => apply(sessionId, turnId, result, t), ct);

    /// <summary>Runs one agent, records its calls, applies its result; turns every failure into the agent's own status.</summary>
    private async Task<T?> RunAgentAsync<T>(Guid sessionId, Guid turnId, string agent, Func<CancellationToken, Task<AgentOutcome<T>>> call,
        Func<T, CancellationToken, Task> apply, CancellationToken ct) where T : class
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var outcome = await call(ct);
            state.AddTraces(sessionId, turnId, outcome.Calls);
            await SaveTracesAsync(sessionId, turnId, outcome.Calls);
            if (outcome.Result is null)
            {
                state.SetStatus(sessionId, new AgentStatus(agent, AgentState.Failed, outcome.Error, clock.ElapsedMilliseconds));
                return null;
            }
            ct.ThrowIfCancellationRequested();
            await apply(outcome.Result, ct);
            state.SetStatus(sessionId, new AgentStatus(agent, AgentState.Done, null, clock.ElapsedMilliseconds));
            return outcome.Result;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            state.SetStatus(sessionId, new AgentStatus(agent, AgentState.Cancelled, "Cancelled by a newer message.", clock.ElapsedMilliseconds));
            return null;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Agent {Agent} result could not be applied", agent);
            state.SetStatus(sessionId, new AgentStatus(agent, AgentState.Failed, $"{AgentNames.Label(agent)}: the result could not be saved.", clock.ElapsedMilliseconds));
            return null;
        }
    }

    private async Task SaveTracesAsync(Guid sessionId, Guid turnId, IReadOnlyList<AgentCallTrace> calls)
    {
        try
        {
            // Not cancellable: a call that happened is recorded even when its turn is cancelled right after.
            await records.SaveTracesAsync(sessionId, turnId, calls, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Traces of turn {TurnId} could not be saved", turnId);
        }
    }

    private (CancellationToken Turn, CancellationToken Solutions) BeginRun(CancellationToken ct, bool newTurn)
    {
        lock (_gate)
        {
            if (newTurn)
            {
                _turn?.Cancel();
                _turn = CancellationTokenSource.CreateLinkedTokenSource(ct);
            }
            _solutions?.Cancel();
            var turnToken = _turn?.Token ?? CancellationToken.None;
            _solutions = CancellationTokenSource.CreateLinkedTokenSource(turnToken, ct);
            return (turnToken, _solutions.Token);
        }
    }

    private void MarkCancelled(Guid sessionId, IEnumerable<string> agents)
    {
        foreach (var agent in agents)
            if (state.StatusOf(agent).State == AgentState.Running)
                state.SetStatus(sessionId, new AgentStatus(agent, AgentState.Cancelled, "Cancelled by a newer message."));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _turn?.Cancel();
            _solutions?.Cancel();
            // Cancelled sources are left to the GC: a still-finishing agent may hold a linked registration on them.
            _turn = _solutions = null;
        }
    }
}
