using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Profiles.Steering;
using PersonaExplorer.Data.Changes;

namespace PersonaExplorer.Features.Explore;

/// <summary>
/// The chat of one circuit: open a session, send, regenerate, stop. What steers an answer comes from the
/// <see cref="SteeringContextBuilder"/>; streaming and saving from the <see cref="Conversation"/>; profile edits are
/// <see cref="LiveSteering"/>'s; after-answer work hangs off <see cref="Ai.AnswerCompleted"/>. Panels bind to it.
/// </summary>
public sealed class ExploreState(
    Conversation chat,
    LiveSteering steering,
    SteeringContextBuilder contexts,
    CareTurns care,
    SessionStore sessions,
    ProfileState profileState,
    EventLog events,
    SendCheck check)
{
    public Guid? SessionId => chat.SessionId;
    public string Title => chat.Title;
    public IReadOnlyList<Message> Messages => chat.Messages;
    public int MaxMessageChars => check.MaxMessageChars;

    /// <summary>The panel agents of the latest turn (never throws); simulated participants wait for it before acting.</summary>
    public Task PanelTurn { get; private set; } = Task.CompletedTask;

    /// <summary>The latest answer: completes once it is saved and shown (never throws). Await it instead of polling <see cref="IsStreaming"/>.</summary>
    public Task<Message?> Answer => chat.Answer;

    /// <summary>The answer being streamed, or null.</summary>
    public string? LiveText => chat.LiveText;
    public bool IsStreaming => chat.IsStreaming;

    /// <summary>Why the latest model work was refused (a spent budget, a full session), shown above the input; null when it went ahead.</summary>
    public string? Notice => chat.Notice;

    /// <summary>Before/after of the last answer when a profile edit regenerated it; null when there is nothing to choose.</summary>
    public SteeringComparison? Comparison => steering.Comparison;

    /// <summary>Regenerate the last answer when the profile changes (the person's switch).</summary>
    public bool LiveSteering { get => steering.Enabled; set => steering.Enabled = value; }

    /// <inheritdoc cref="Conversation.Subscribe"/>
    public IDisposable Subscribe(Func<Task> onChange) => chat.Subscribe(onChange);
    /// <inheritdoc cref="Conversation.SubscribeLive"/>
    public IDisposable SubscribeLive(Func<Task> onLive) => chat.SubscribeLive(onLive);
    /// <summary>Tells <paramref name="onCreated"/> when sending the first message created a session (the page moves to its URL).</summary>
    public IDisposable SubscribeSessionCreated(Func<Guid, Task> onCreated) => _sessionCreated.Subscribe(onCreated);
    private readonly Notifier<Guid> _sessionCreated = new();

    public async Task LoadAsync(Guid? sessionId)
    {
        if (sessionId == SessionId && sessionId is not null) return;
        await MoveOnAsync();
        care.Cancel();
        if (sessionId is { } id && await sessions.FindAsync(id) is { } session)
            chat.Open(session.Id, session.Title, await sessions.VisibleMessagesAsync(id));
        else
            chat.Open(null, "New exploration", []);
        profileState.OpenSessionId = SessionId;
        await care.EnsureSessionAsync(SessionId);
        await chat.NotifyAsync();
    }

    public async Task ReloadTitleAsync()
    {
        if (SessionId is { } id && await sessions.FindAsync(id) is { } s) chat.Title = s.Title;
        await chat.NotifyAsync();
    }

    /// <returns>null when sent, otherwise the reason it was not (nothing is stored then).</returns>
    public async Task<string?> SendAsync(string? text)
    {
        if (MessageValidator.Check(text, MaxMessageChars) is { } error) return error;
        if (await check.RefusalAsync(SessionId) is { } refused)
        {
            chat.Notice = refused; // shown above the box, which keeps the typed text
            await chat.NotifyAsync();
            return refused;
        }
        chat.Notice = null;
        await MoveOnAsync();
        var profile = await profileState.CurrentAsync();
        if (SessionId is null)
        {
            var session = await sessions.CreateAsync(text!, profile.Id);
            chat.Open(session.Id, session.Title, []);
            profileState.OpenSessionId = session.Id;
            await _sessionCreated.NotifyAsync(session.Id);
        }
        var sessionId = SessionId!.Value;
        var userMessage = await sessions.AddUserMessageAsync(sessionId, text!);
        chat.Add(userMessage);
        await events.RecordAsync(EventTypes.Chat.MessageSend, sessionId, profile.Id, new { messageId = userMessage.Id, length = text!.Length });
        var context = await contexts.ForSessionAsync(sessionId);
        // The answer starts first: nothing of the panel turn runs ahead of it (on a ChatFirst provider its agents even
        // wait for the answer's first token), and the panel turn runs off the circuit so it never delays a render.
        chat.StartAnswer(chat.Request(profile.Id, context));
        await care.EnsureSessionAsync(sessionId, profile.Id); // a new session's panels exist before its first turn starts
        PanelTurn = care.StartTurnAsync(sessionId, userMessage.Id, context, chat.FirstToken);
        await chat.NotifyAsync();
        return null;
    }

    /// <summary>Replaces the last answer (also the retry of a failed or stopped one). The old answer stays in the database, hidden.</summary>
    /// <returns>null when regenerating, otherwise the reason it was refused (also shown as <see cref="Notice"/>).</returns>
    public async Task<string?> RegenerateAsync()
    {
        if (SessionId is not { } sessionId || Messages.Count == 0) return null;
        if (await check.RegenerateRefusalAsync() is { } spent)
        {
            chat.Notice = spent;
            await chat.NotifyAsync();
            return spent;
        }
        chat.Notice = null;
        await StopAsync();
        if (chat.TakeLastAnswer() is { } last) await sessions.SupersedeAsync(last.Id);
        var profile = await profileState.CurrentAsync();
        await events.RecordAsync(EventTypes.Chat.MessageRegenerate, sessionId, profile.Id);
        chat.StartAnswer(chat.Request(profile.Id, await contexts.ForSessionAsync(sessionId)));
        await chat.NotifyAsync();
        return null;
    }

    public Task KeepBeforeAsync() => steering.KeepBeforeAsync();

    public Task KeepAfterAsync() => steering.KeepAfterAsync();

    public Task StopAsync() => chat.StopAsync();

    private async Task MoveOnAsync()
    {
        await StopAsync();
        await steering.SettleAsync();
    }
}
