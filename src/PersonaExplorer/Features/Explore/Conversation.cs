using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Data.Changes;

namespace PersonaExplorer.Features.Explore;

/// <summary>
/// The open session of one circuit (scoped): its messages as shown and the answer being streamed. The chat
/// (<see cref="ExploreState"/>) and live steering (<see cref="LiveSteering"/>) both work on it; panels re-render on
/// <see cref="Subscribe"/> (structural changes) and <see cref="SubscribeLive"/> (throttled, while an answer streams).
/// </summary>
public sealed class Conversation(ChatAnswerer answerer, ILogger<Conversation> logger) : IAsyncDisposable
{
    private readonly List<Message> _messages = [];
    private CancellationTokenSource? _stop;

    public Guid? SessionId { get; private set; }
    public string Title { get; set; } = "New exploration";
    public IReadOnlyList<Message> Messages => _messages;
    public Message? LastAnswer => _messages.LastOrDefault() is { Role: MessageRole.Assistant } last ? last : null;

    /// <summary>The answer being streamed, or null.</summary>
    public string? LiveText { get; private set; }
    public bool IsStreaming { get; private set; }

    /// <summary>Why the latest model work (a regeneration, a live-steering rewrite) was refused; null when it went ahead.</summary>
    public string? Notice { get; set; }

    /// <summary>True once the circuit is going away: nothing more is shown, what arrived is still saved.</summary>
    public bool IsClosing { get; private set; }

    /// <summary>The latest answer: completes once it is saved and on screen (never throws). Tests and simulated participants await it.</summary>
    public Task<Message?> Answer { get; private set; } = Task.FromResult<Message?>(null);

    /// <summary>Completes when the latest answer's first token arrived, or when it ended without one (never throws).</summary>
    public Task FirstToken { get; private set; } = Task.CompletedTask;

    private readonly Notifier _changed = new(logger);
    private readonly Notifier _live = new(logger);

    /// <summary>Tells <paramref name="onChange"/> about structural changes (a message added, an answer saved); dispose to stop.</summary>
    public IDisposable Subscribe(Func<Task> onChange) => _changed.Subscribe(onChange);

    /// <summary>Tells <paramref name="onLive"/> while an answer streams (throttled); dispose to stop.</summary>
    public IDisposable SubscribeLive(Func<Task> onLive) => _live.Subscribe(onLive);

    public void Open(Guid? sessionId, string title, IEnumerable<Message> messages)
    {
        SessionId = sessionId;
        Title = title;
        _messages.Clear();
        _messages.AddRange(messages);
    }

    public void Add(Message message) => _messages.Add(message);

    public void Replace(Guid messageId, Message with)
    {
        var i = _messages.FindIndex(m => m.Id == messageId);
        if (i >= 0) _messages[i] = with;
    }

    /// <summary>Takes the last answer off the screen (the caller decides what happens to it in the database).</summary>
    public Message? TakeLastAnswer()
    {
        if (LastAnswer is not { } last) return null;
        _messages.RemoveAt(_messages.Count - 1);
        return last;
    }

    /// <summary>Starts streaming an answer; <paramref name="onShown"/> runs once it is saved and in the list, before anyone is told.</summary>
    public void StartAnswer(AnswerRequest request, Action<Message>? onShown = null)
    {
        _stop?.Dispose();
        _stop = new CancellationTokenSource();
        LiveText = "";
        IsStreaming = true;
        var firstToken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        FirstToken = firstToken.Task;
        Answer = AnswerAsync(request, onShown, firstToken, _stop.Token);
    }

    public AnswerRequest Request(Guid profileId, TurnContext context, Guid? replaces = null) =>
        new(SessionId!.Value, profileId, _messages.LastOrDefault(m => m.Role == MessageRole.User)?.Id ?? Guid.Empty, context, _messages.ToList(), replaces);

    private async Task<Message?> AnswerAsync(AnswerRequest request, Action<Message>? onShown, TaskCompletionSource firstToken, CancellationToken stop)
    {
        try
        {
            var (answer, prompt) = await answerer.AnswerAsync(request, text =>
            {
                LiveText = text;
                _ = _live.NotifyAsync();
            }, () => IsClosing, stop, () => firstToken.TrySetResult());
            firstToken.TrySetResult();
            if (!IsClosing)
            {
                _messages.Add(answer);
                LiveText = null;
                onShown?.Invoke(answer);
            }
            // Only now is the answer on screen: the live message and the finished one never show together or not at all.
            IsStreaming = false;
            if (!IsClosing) await _changed.NotifyAsync();
            await answerer.CompletedAsync(request with { TurnId = request.TurnId == Guid.Empty ? answer.Id : request.TurnId }, answer, prompt, IsClosing);
            return answer;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The answer could not be finished");
            firstToken.TrySetResult();
            IsStreaming = false;
            return null;
        }
    }

    public async Task StopAsync()
    {
        if (_stop is null) return;
        await _stop.CancelAsync();
        await Answer;
    }

    /// <summary>Tells every subscriber; one failing is logged and never skips the others.</summary>
    public Task NotifyAsync() => _changed.NotifyAsync();

    public async ValueTask DisposeAsync()
    {
        if (IsClosing) return;
        IsClosing = true;
        await StopAsync();
        _stop?.Dispose();
        _stop = null;
    }
}
