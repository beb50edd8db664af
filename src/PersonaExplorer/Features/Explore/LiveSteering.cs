using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Profiles.Steering;

namespace PersonaExplorer.Features.Explore;

/// <summary>Before/after of the last answer when a profile edit regenerated it.</summary>
public sealed record SteeringComparison(Message Before, Message After, IReadOnlyList<DiffSegment> Diff);

/// <summary>
/// Live steering for the circuit's workspace (scoped; no component needed): a concept edit, or a change to the needs the
/// answer uses, regenerates the last answer and the solution cards, then offers a before/after diff. It subscribes to
/// the edits itself, so it works wherever the workspace runs — pages, a participant's workspace, simulated participants.
/// A further edit while one runs cancels the stale stream and starts again from the same original answer.
/// </summary>
public sealed class LiveSteering : IAsyncDisposable
{
    private readonly Conversation _chat;
    private readonly SteeringContextBuilder _steering;
    private readonly CareTurns _care;
    private readonly ProfileState _profile;
    private readonly CareActions _needs;
    private readonly WorkspaceFeatures _features;
    private readonly SessionStore _sessions;
    private readonly EventLog _events;
    private readonly Limits.ModelBudget _budget;
    private readonly int _debounceMs;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CancellationTokenSource? _delay;
    /// <summary>The answer a regeneration started from; kept until the person picks a version.</summary>
    private Message? _before;
    private readonly IDisposable[] _subscriptions;

    public LiveSteering(Conversation chat, SteeringContextBuilder steering, CareTurns care, ProfileState profile, CareActions needs,
        WorkspaceFeatures features, SessionStore sessions, EventLog events, Limits.ModelBudget budget, IOptions<ExploreOptions> options)
    {
        (_chat, _steering, _care, _profile, _needs, _features, _sessions, _events) = (chat, steering, care, profile, needs, features, sessions, events);
        _budget = budget;
        _debounceMs = options.Value.SteeringDebounceMs;
        _subscriptions = [_profile.SubscribeEdited(OnEdited), _needs.SubscribeNeedsSteered(OnEdited)];
    }

    /// <summary>The person's switch in the chat header.</summary>
    public bool Enabled { get; set; } = true;

    public SteeringComparison? Comparison { get; private set; }

    /// <summary>The latest reaction to an edit (debounce and start of the regeneration); await it, then the conversation's answer.</summary>
    public Task Pending { get; private set; } = Task.CompletedTask;

    // Fire and forget, so the drawer and panels stay responsive; Pending lets tests and simulated participants wait.
    private Task OnEdited(string what)
    {
        Pending = EditedAsync(what);
        return Task.CompletedTask;
    }

    public async Task EditedAsync(string reason)
    {
        if (!Enabled || !_features.LiveSteering || _chat.SessionId is not { } sessionId || _chat.IsClosing) return;
        if (_before is null && Comparison is null && _chat.LastAnswer is not { Status: MessageStatus.Complete }) return;
        _delay?.Cancel();
        _delay = new CancellationTokenSource();
        var token = _delay.Token;
        try
        {
            if (_debounceMs > 0) await Task.Delay(_debounceMs, token);
        }
        catch (OperationCanceledException) { return; }
        // Edits arrive from any thread: one regeneration starts at a time, and a newer edit supersedes a waiting one.
        await _gate.WaitAsync();
        try
        {
            if (!token.IsCancellationRequested) await RegenerateAsync(sessionId, reason);
        }
        finally { _gate.Release(); }
    }

    private async Task RegenerateAsync(Guid sessionId, string reason)
    {
        // A spent budget keeps the edit (it is saved) and the answer as it is, and says why nothing was rewritten.
        if (await _budget.TrySpendAsync(Limits.ModelAction.LiveSteering) is { } spent)
        {
            _chat.Notice = spent;
            await _chat.NotifyAsync();
            return;
        }
        await _chat.StopAsync();
        if (Comparison is { } shown)
        {
            // The person edited again before choosing: compare against the original answer, not the intermediate one.
            _before = shown.Before;
            Comparison = null;
        }
        if (_chat.TakeLastAnswer() is { } last)
        {
            // The original stays visible in the database until its replacement is saved; an intermediate one is hidden now.
            if (_before is null) _before = last;
            else await _sessions.SupersedeAsync(last.Id);
        }
        if (_before is not { } before) return;
        var profile = await _profile.CurrentAsync();
        await _events.RecordAsync(EventTypes.Chat.AnswerSteer, sessionId, profile.Id, new { reason, beforeId = before.Id });
        var context = await _steering.ForSessionAsync(sessionId);
        _ = _care.FollowSteeringAsync(sessionId, context);
        _chat.StartAnswer(_chat.Request(profile.Id, context, replaces: before.Id), answer =>
        {
            if (answer.Status != MessageStatus.Complete || _before is null) return;
            Comparison = new SteeringComparison(_before, answer, SteeringDiff.MarkdownWords(_before.Content, answer.Content));
            _before = null;
        });
        await _chat.NotifyAsync();
    }

    /// <summary>Keeps the answer from before the edit; the regenerated one stays stored, hidden.</summary>
    public async Task KeepBeforeAsync()
    {
        if (Comparison is not { } c) return;
        await _sessions.SupersedeAsync(c.After.Id);
        await _sessions.SupersedeAsync(c.Before.Id, superseded: false);
        _chat.Replace(c.After.Id, c.Before);
        c.Before.IsSuperseded = false;
        Comparison = null;
        await _events.RecordAsync(EventTypes.Chat.AnswerKeepBefore, _chat.SessionId, null, new { keptId = c.Before.Id, droppedId = c.After.Id });
        await _chat.NotifyAsync();
    }

    public async Task KeepAfterAsync()
    {
        if (Comparison is not { } c) return;
        Comparison = null;
        await _events.RecordAsync(EventTypes.Chat.AnswerKeepAfter, _chat.SessionId, null, new { keptId = c.After.Id, droppedId = c.Before.Id });
        await _chat.NotifyAsync();
    }

    /// <summary>Moving on (a new message, another session) keeps the regenerated answer; an unfinished regeneration puts the original back.</summary>
    public async Task SettleAsync()
    {
        _delay?.Cancel();
        if (_before is { } before)
        {
            if (_chat.TakeLastAnswer() is { } partial && partial.Id != before.Id) await _sessions.SupersedeAsync(partial.Id);
            await _sessions.SupersedeAsync(before.Id, superseded: false);
            before.IsSuperseded = false;
            _chat.Add(before);
            _before = null;
        }
        if (Comparison is not null) await KeepAfterAsync();
    }

    public ValueTask DisposeAsync()
    {
        foreach (var s in _subscriptions) s.Dispose();
        _delay?.Cancel();
        _delay?.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}
