using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
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
    IOptions<ExploreOptions> options,
    ILogger<ExploreState> logger) : IAsyncDisposable
{
    private readonly List<Message> _messages = [];
    private CancellationTokenSource? _stop;
    private Task? _answer;
    private bool _disposing;

    public Guid? SessionId { get; private set; }
    public string Title { get; private set; } = "New exploration";
    public IReadOnlyList<Message> Messages => _messages;
    public ModelInfo Model => model;
    public int MaxMessageChars => options.Value.MaxMessageChars;

    /// <summary>The answer being streamed, or null.</summary>
    public string? LiveText { get; private set; }
    public bool IsStreaming { get; private set; }

    public event Func<Task>? Changed;
    public event Func<Task>? LiveChanged;
    /// <summary>Raised when sending the first message created a session (the page moves to its URL).</summary>
    public event Func<Guid, Task>? SessionCreated;

    public async Task LoadAsync(Guid? sessionId)
    {
        if (sessionId == SessionId && sessionId is not null) return;
        await StopAsync();
        _messages.Clear();
        SessionId = null;
        Title = "New exploration";
        if (sessionId is { } id && await sessions.FindAsync(id) is { } session)
        {
            SessionId = session.Id;
            Title = session.Title;
            _messages.AddRange(await sessions.VisibleMessagesAsync(id));
        }
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
        var profile = await profiles.GetActiveAsync();
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
        StartAnswer(profile.Id);
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
        var profile = await profiles.GetActiveAsync();
        await events.RecordAsync("message.regenerate", SessionId, profile.Id);
        StartAnswer(profile.Id);
        await NotifyAsync(Changed);
    }

    public async Task StopAsync()
    {
        if (_stop is null || _answer is null) return;
        await _stop.CancelAsync();
        try { await _answer; }
        catch (Exception ex) { logger.LogError(ex, "Stopping an answer failed"); }
    }

    private void StartAnswer(Guid profileId)
    {
        _stop = new CancellationTokenSource();
        LiveText = "";
        IsStreaming = true;
        _answer = AnswerAsync(SessionId!.Value, profileId, _stop.Token);
    }

    private async Task AnswerAsync(Guid sessionId, Guid profileId, CancellationToken stop)
    {
        var started = DateTime.UtcNow;
        AnswerResult result;
        try
        {
            var concepts = await profiles.PromptConceptsAsync(profileId, sessionId, model, stop);
            var history = _messages
                .Where(m => m.Role == MessageRole.User || m.Status == MessageStatus.Complete)
                .Select(m => new ChatMessage(m.Role == MessageRole.User ? ChatRole.User : ChatRole.Assistant, m.Content))
                .ToList();
            var prompt = ChatPrompt.Build(new TurnContext(concepts), history);
            result = await streamer.StreamAsync(prompt, text =>
            {
                LiveText = text;
                _ = NotifyAsync(LiveChanged);
            }, stop);
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
            Error = result.Error, Model = model.ModelName, FirstTokenMs = result.FirstTokenMs, DurationMs = result.DurationMs,
            InputTokens = result.InputTokens, OutputTokens = result.OutputTokens, CreatedUtc = started, CompletedUtc = DateTime.UtcNow,
        };
        try { await sessions.AddAnswerAsync(answer, CancellationToken.None); }
        catch (Exception ex)
        {
            logger.LogError(ex, "Saving the answer failed");
            answer.Status = MessageStatus.Failed;
            answer.Error = "The answer could not be saved. Copy it if you need it, then retry.";
        }
        finally { IsStreaming = false; }
        if (_disposing) return;
        _messages.Add(answer);
        LiveText = null;
        await NotifyAsync(Changed);
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
        _disposing = true;
        await StopAsync();
        _stop?.Dispose();
    }
}
