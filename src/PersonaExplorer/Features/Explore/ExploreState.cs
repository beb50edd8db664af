using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Features.Profiles;

namespace PersonaExplorer.Features.Explore;

/// <summary>
/// The workspace of one circuit: the open session, its messages and the answer being streamed.
/// Panels bind to it; <see cref="Changed"/> fires on structural changes, <see cref="LiveChanged"/> (throttled) while an answer streams.
/// </summary>
public sealed class ExploreState(
    SessionStore sessions,
    ProfileStore profiles,
    AnswerStreamer streamer,
    ModelInfo model,
    EventLog events,
    CareOrchestrator care,
    ConceptRelevance relevance,
    ChatClients clients,
    ProfileCurator curator,
    ProfileState profileState,
    WorkspaceFeatures features,
    ConceptUsageRecorder conceptUsage,
    CareState careState,
    CareActions careActions,
    TurnRecordStore records,
    IOptions<ExploreOptions> options,
    ILogger<ExploreState> logger) : IAsyncDisposable
{
    private readonly List<Message> _messages = [];
    private CancellationTokenSource? _stop;
    private Task? _answer;
    private bool _disposing;
    private CancellationTokenSource? _steerDelay;
    private CancellationTokenSource? _curation;
    /// <summary>The answer a live-steering regeneration started from; kept until the person picks a version.</summary>
    private Message? _steerBefore;

    public Guid? SessionId { get; private set; }
    public string Title { get; private set; } = "New exploration";
    public IReadOnlyList<Message> Messages => _messages;
    public ModelInfo Model => model;
    public int MaxMessageChars => options.Value.MaxMessageChars;

    /// <summary>The panel agents of the latest turn (never throws); simulated participants wait for it before acting.</summary>
    public Task PanelTurn { get; private set; } = Task.CompletedTask;

    /// <summary>The answer being streamed, or null.</summary>
    public string? LiveText { get; private set; }
    public bool IsStreaming { get; private set; }

    /// <summary>Before/after of the last answer when a profile edit regenerated it; null when there is nothing to choose.</summary>
    public SteeringComparison? Comparison { get; private set; }

    /// <summary>Regenerate the last answer when the profile changes (live steering).</summary>
    public bool LiveSteering { get; set; } = true;

    public event Func<Task>? Changed;
    public event Func<Task>? LiveChanged;
    /// <summary>Raised when sending the first message created a session (the page moves to its URL).</summary>
    public event Func<Guid, Task>? SessionCreated;

    public async Task LoadAsync(Guid? sessionId)
    {
        if (sessionId == SessionId && sessionId is not null) return;
        await StopAsync();
        await SettleComparisonAsync();
        care.Cancel();
        _messages.Clear();
        SessionId = null;
        Title = "New exploration";
        if (sessionId is { } id && await sessions.FindAsync(id) is { } session)
        {
            SessionId = session.Id;
            Title = session.Title;
            _messages.AddRange(await sessions.VisibleMessagesAsync(id));
        }
        // The panels show this session's needs, cards and sub-tasks (or nothing for a new exploration).
        await careActions.EnsureSessionAsync(SessionId);
        await NotifyAsync(Changed);
    }

    public async Task ReloadTitleAsync()
    {
        if (SessionId is { } id && await sessions.FindAsync(id) is { } s) Title = s.Title;
        await NotifyAsync(Changed);
    }

    /// <returns>null when sent, otherwise the reason it was not (nothing is stored then).</returns>
    public async Task<string?> SendAsync(string? text)
    {
        if (MessageValidator.Check(text, MaxMessageChars) is { } error) return error;
        await StopAsync();
        await SettleComparisonAsync();
        var profile = await profileState.CurrentAsync();
        if (SessionId is null)
        {
            var session = await sessions.CreateAsync(text!, profile.Id);
            SessionId = session.Id;
            Title = session.Title;
            if (SessionCreated is { } created) await created(session.Id);
        }
        var userMessage = await sessions.AddUserMessageAsync(SessionId.Value, text!);
        _messages.Add(userMessage);
        await events.RecordAsync("message.send", SessionId, profile.Id, new { messageId = userMessage.Id, length = text!.Length });
        var context = await ContextAsync(profile.Id);
        await careActions.EnsureSessionAsync(SessionId, profile.Id); // a new session's panels exist before its first turn starts
        // The panel agents run beside the chat answer; the answer never waits for them.
        PanelTurn = features.CarePanels ? care.StartTurnAsync(SessionId.Value, userMessage.Id, context) : Task.CompletedTask;
        StartAnswer(context, profile.Id);
        await NotifyAsync(Changed);
        return null;
    }

    /// <summary>Replaces the last answer (also the retry of a failed or stopped one). The old answer stays in the database, hidden.</summary>
    public async Task RegenerateAsync()
    {
        await StopAsync();
        if (SessionId is null || _messages.Count == 0) return;
        if (_messages[^1] is { Role: MessageRole.Assistant } last)
        {
            await sessions.SupersedeAsync(last.Id);
            _messages.RemoveAt(_messages.Count - 1);
        }
        var profile = await profileState.CurrentAsync();
        await events.RecordAsync("message.regenerate", SessionId, profile.Id);
        StartAnswer(await ContextAsync(profile.Id), profile.Id);
        await NotifyAsync(Changed);
    }

    /// <summary>
    /// A concept was edited, toggled or re-weighted: regenerate the last answer with the new profile, then offer a diff.
    /// A further edit while that runs cancels the stale stream and starts again from the same original answer.
    /// </summary>
    public async Task ProfileEditedAsync(string reason)
    {
        if (!LiveSteering || !features.LiveSteering || SessionId is null || _disposing) return;
        if (_steerBefore is null && Comparison is null && _messages.LastOrDefault() is not { Role: MessageRole.Assistant, Status: MessageStatus.Complete })
            return;
        _steerDelay?.Cancel();
        _steerDelay = new CancellationTokenSource();
        var token = _steerDelay.Token;
        try
        {
            if (options.Value.SteeringDebounceMs > 0) await Task.Delay(options.Value.SteeringDebounceMs, token);
        }
        catch (OperationCanceledException) { return; }
        await StopAsync();
        if (Comparison is { } shown)
        {
            // The person edited again before choosing: compare against the original answer, not the intermediate one.
            _steerBefore = shown.Before;
            Comparison = null;
        }
        if (_messages.LastOrDefault() is { Role: MessageRole.Assistant } last)
        {
            _steerBefore ??= last;
            await sessions.SupersedeAsync(last.Id);
            _messages.RemoveAt(_messages.Count - 1);
        }
        if (_steerBefore is null) return;
        var profile = await profileState.CurrentAsync();
        await events.RecordAsync("answer.steer", SessionId, profile.Id, new { reason, beforeId = _steerBefore.Id });
        var context = await ContextAsync(profile.Id);
        _ = care.UpdateSolutionsAsync(SessionId.Value, context); // the cards follow the profile too
        StartAnswer(context, profile.Id);
        await NotifyAsync(Changed);
    }

    /// <summary>Keeps the answer from before the profile edit; the regenerated one stays stored, hidden.</summary>
    public async Task KeepBeforeAsync()
    {
        if (Comparison is not { } c) return;
        await sessions.SupersedeAsync(c.After.Id);
        await sessions.SupersedeAsync(c.Before.Id, superseded: false);
        var i = _messages.FindIndex(m => m.Id == c.After.Id);
        if (i >= 0) _messages[i] = c.Before;
        c.Before.IsSuperseded = false;
        Comparison = null;
        await events.RecordAsync("answer.keep-before", SessionId, null, new { keptId = c.Before.Id, droppedId = c.After.Id });
        await NotifyAsync(Changed);
    }

    public async Task KeepAfterAsync()
    {
        if (Comparison is not { } c) return;
        Comparison = null;
        await events.RecordAsync("answer.keep-after", SessionId, null, new { keptId = c.After.Id, droppedId = c.Before.Id });
        await NotifyAsync(Changed);
    }

    /// <summary>Moving on (a new message, another session) keeps the regenerated answer; an unfinished regeneration puts the original back.</summary>
    private async Task SettleComparisonAsync()
    {
        _steerDelay?.Cancel();
        if (_steerBefore is { } before)
        {
            if (_messages.LastOrDefault() is { Role: MessageRole.Assistant } partial && partial.Id != before.Id)
            {
                await sessions.SupersedeAsync(partial.Id);
                _messages.RemoveAt(_messages.Count - 1);
            }
            await sessions.SupersedeAsync(before.Id, superseded: false);
            before.IsSuperseded = false;
            _messages.Add(before);
            _steerBefore = null;
        }
        if (Comparison is not null) await KeepAfterAsync();
    }

    public async Task StopAsync()
    {
        if (_stop is null || _answer is null) return;
        await _stop.CancelAsync();
        try { await _answer; }
        catch (Exception ex) { logger.LogError(ex, "Stopping an answer failed"); }
    }

    /// <summary>What the next answer in the open session would be steered by (the prompt inspector shows it).</summary>
    public async Task<TurnContext> NextContextAsync() => await ContextAsync((await profileState.CurrentAsync()).Id);

    /// <summary>Everything that steers the next answer: enabled concepts, confirmed needs, picked options, pinned cards.</summary>
    private async Task<TurnContext> ContextAsync(Guid profileId)
    {
        var eligible = await profiles.PromptConceptsAsync(profileId, SessionId, model);
        var request = _messages.LastOrDefault(m => m.Role == MessageRole.User)?.Content ?? "";
        var (selected, omitted) = await relevance.SelectAsync(eligible, request, options.Value.MaxPromptConcepts);
        return await care.BuildContextAsync(SessionId!.Value, selected) with { OmittedConcepts = omitted, ConditionInstructions = features.SystemPrompt };
    }

    private void StartAnswer(TurnContext context, Guid profileId)
    {
        _curation?.Cancel();
        _stop?.Dispose();
        _stop = new CancellationTokenSource();
        LiveText = "";
        IsStreaming = true;
        _answer = AnswerAsync(SessionId!.Value, profileId, context, _stop.Token);
    }

    private async Task AnswerAsync(Guid sessionId, Guid profileId, TurnContext context, CancellationToken stop)
    {
        var started = DateTime.UtcNow;
        AnswerResult result;
        List<ChatMessage> prompt = [];
        try
        {
            var history = _messages
                .Where(m => m.Role == MessageRole.User || m.Status == MessageStatus.Complete)
                .Select(m => new ChatMessage(m.Role == MessageRole.User ? ChatRole.User : ChatRole.Assistant, m.Content))
                .ToList();
            prompt = ChatPrompt.Build(context, history);
            result = await streamer.StreamAsync(prompt, text =>
            {
                LiveText = text;
                _ = NotifyAsync(LiveChanged);
            }, stop, clients.For(features.Model));
        }
        catch (Exception ex)
        {
            // Preparing the prompt failed (e.g. the database): the user's message is stored; the answer is a retryable failure.
            logger.LogError(ex, "Preparing the answer failed");
            result = new AnswerResult(LiveText ?? "", stop.IsCancellationRequested ? MessageStatus.Cancelled : MessageStatus.Failed,
                stop.IsCancellationRequested ? null : "Something went wrong preparing the answer. Retry in a moment.", null, 0, null, null);
        }

        // Losing the circuit keeps what arrived as a partial answer; a user's stop is a cancellation.
        var status = result.Status == MessageStatus.Cancelled && _disposing ? MessageStatus.Partial : result.Status;
        var answer = new Message
        {
            SessionId = sessionId, Role = MessageRole.Assistant, Content = result.Text, Status = status,
            Error = result.Error, Model = string.IsNullOrWhiteSpace(features.Model) || model.IsDemo ? model.ModelName : features.Model.Trim(), FirstTokenMs = result.FirstTokenMs, DurationMs = result.DurationMs,
            InputTokens = result.InputTokens, OutputTokens = result.OutputTokens, CreatedUtc = started, CompletedUtc = DateTime.UtcNow,
        };
        try { await sessions.AddAnswerAsync(answer, CancellationToken.None); }
        catch (Exception ex)
        {
            logger.LogError(ex, "Saving the answer failed");
            answer.Status = MessageStatus.Failed;
            answer.Error = "The answer could not be saved. Copy it if you need it, then retry.";
        }
        if (!_disposing)
        {
            _messages.Add(answer);
            LiveText = null;
            if (_steerBefore is { } before && answer.Status == MessageStatus.Complete)
            {
                Comparison = new SteeringComparison(before, answer, SteeringDiff.MarkdownWords(before.Content, answer.Content));
                _steerBefore = null;
            }
        }
        // Only now is the answer on screen: the live message and the finished one never show together or not at all.
        IsStreaming = false;
        if (!_disposing) await NotifyAsync(Changed);
        await RecordTraceAsync(sessionId, prompt, answer);
        if (answer.Status == MessageStatus.Complete && !_disposing)
        {
            await RecordUsageAsync(answer, context);
            if (features.Proposals) StartCuration(sessionId, profileId, answer.Id, prompt.Skip(1).Append(new ChatMessage(ChatRole.Assistant, answer.Content)).ToList());
        }
    }

    private async Task RecordUsageAsync(Message answer, TurnContext context)
    {
        try { await conceptUsage.RecordAsync(answer.Id, context.Concepts); }
        catch (Exception ex) { logger.LogWarning(ex, "Recording concept usage failed"); }
    }

    /// <summary>The profile curator proposes concepts from the conversation in the background; proposals wait for the person.</summary>
    private void StartCuration(Guid sessionId, Guid profileId, Guid answerId, IReadOnlyList<ChatMessage> conversation)
    {
        _curation?.Cancel();
        _curation = new CancellationTokenSource();
        var token = _curation.Token;
        _ = Task.Run(async () =>
        {
            try { await curator.CurateAsync(profileId, sessionId, answerId, conversation, token); }
            catch (OperationCanceledException) { }
            catch (Exception ex) { logger.LogWarning(ex, "The profile curator failed"); }
        });
    }

    /// <summary>The turn inspector shows the chat answer's exact prompt beside the panel agents' calls.</summary>
    private async Task RecordTraceAsync(Guid sessionId, List<ChatMessage> prompt, Message answer)
    {
        if (prompt.Count == 0) return;
        var turnId = _messages.LastOrDefault(m => m.Role == MessageRole.User)?.Id ?? answer.Id;
        var trace = new AgentCallTrace(AgentNames.Responder, 1, prompt.Select(m => new TracedMessage(m.Role.Value, m.Text)).ToList(),
            answer.Content, answer.Error, answer.DurationMs ?? 0, answer.InputTokens, answer.OutputTokens, answer.Model, answer.CreatedUtc);
        try
        {
            await records.SaveTracesAsync(sessionId, turnId, [trace]);
            if (!_disposing) careState.AddTraces(sessionId, turnId, [trace]);
        }
        catch (Exception ex) { logger.LogWarning(ex, "Recording the answer's trace failed"); }
    }

    private async Task NotifyAsync(Func<Task>? handlers)
    {
        if (handlers is null) return;
        foreach (var h in handlers.GetInvocationList().Cast<Func<Task>>())
        {
            try { await h(); }
            catch (Exception ex) { logger.LogWarning(ex, "A panel failed to refresh"); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposing) return;
        _disposing = true;
        await StopAsync();
        _stop?.Dispose();
        _stop = null;
        _steerDelay?.Cancel();
        _steerDelay?.Dispose();
        _curation?.Cancel();
        _curation?.Dispose();
    }
}

public sealed record SteeringComparison(Message Before, Message After, IReadOnlyList<DiffSegment> Diff);
