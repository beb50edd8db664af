using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace PersonaExplorer.Ai.Agents;

/// <summary>A typed agent result that can tidy itself up and say what is wrong with it.</summary>
public interface IAgentResult
{
    /// <summary>Clamps and trims in place; returns a short description of what is unusable, or null when the result is usable.</summary>
    string? Normalize();
}

/// <summary>One model call of an agent, for the turn inspector.</summary>
public sealed record AgentCallTrace(
    string Agent,
    int Attempt,
    IReadOnlyList<TracedMessage> Messages,
    string? ResultJson,
    string? Error,
    long LatencyMs,
    long? InputTokens,
    long? OutputTokens,
    string? Model,
    DateTime StartedUtc);

public sealed record TracedMessage(string Role, string Text);

/// <summary>What an agent produced: a result or an error meant for the person, and the calls it made either way.</summary>
public sealed record AgentOutcome<T>(T? Result, string? Error, IReadOnlyList<AgentCallTrace> Calls) where T : class
{
    public bool Succeeded => Result is not null;
}

/// <summary>
/// Runs one agent: structured output through <see cref="IChatClient"/> (<c>GetResponseAsync&lt;T&gt;</c>), one repair
/// retry that shows the model its parse error, a timeout, and a trace of every call. Never throws except on cancellation
/// by the caller: failures come back as <see cref="AgentOutcome{T}.Error"/> so other agents' results survive.
/// </summary>
public sealed class AgentRunner(IChatClient chat, IOptions<AgentOptions> options, ILogger<AgentRunner> logger)
{
    public const int MaxAttempts = 2;

    public AgentOptions Options => options.Value;

    public async Task<AgentOutcome<T>> RunAsync<T>(string agent, IReadOnlyList<ChatMessage> messages, CancellationToken ct)
        where T : class, IAgentResult
    {
        var calls = new List<AgentCallTrace>();
        var timeout = TimeSpan.FromSeconds(options.Value.AgentTimeoutSeconds);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        var sent = messages.ToList();

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var started = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            ChatResponse<T> response;
            try
            {
                response = await chat.GetResponseAsync<T>(sent, AgentJson.Options, new ChatOptions(), useJsonSchemaResponseFormat: true, timeoutCts.Token);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                var error = $"No answer within {timeout.TotalSeconds:0} s.";
                calls.Add(Trace(agent, attempt, sent, null, error, clock, started, null));
                return new AgentOutcome<T>(null, error, calls);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Agent {Agent} failed", agent);
                var error = $"The model call failed: {Describe(ex)}";
                calls.Add(Trace(agent, attempt, sent, null, error, clock, started, null));
                return new AgentOutcome<T>(null, error, calls);
            }

            var (result, parseError) = Parse<T>(response.Text);
            calls.Add(Trace(agent, attempt, sent, response.Text, parseError, clock, started, response));
            if (result is not null) return new AgentOutcome<T>(result, null, calls);

            logger.LogInformation("Agent {Agent} attempt {Attempt} returned unusable JSON: {Error}", agent, attempt, parseError);
            if (attempt == MaxAttempts)
                return new AgentOutcome<T>(null, $"The model's answer could not be used, even after a retry ({parseError}).", calls);

            sent = [.. sent, new ChatMessage(ChatRole.Assistant, response.Text), new ChatMessage(ChatRole.User, RepairPrompt(parseError!))];
        }
        throw new UnreachableException();
    }

    public static string RepairPrompt(string error) =>
        $"Your previous reply could not be used: {error}\nReply again with only one JSON object that matches the requested schema.";

    /// <summary>Parses and normalizes a reply; returns the result or why it is unusable.</summary>
    public static (T? Result, string? Error) Parse<T>(string text) where T : class, IAgentResult
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, "the reply was empty");
        T? result;
        try
        {
            result = JsonSerializer.Deserialize<T>(AgentJson.ExtractJson(text), AgentJson.Options);
        }
        catch (JsonException ex)
        {
            return (null, $"invalid JSON: {ex.Message}");
        }
        if (result is null) return (null, "the reply was JSON null");
        var problem = result.Normalize();
        return problem is null ? (result, null) : (null, problem);
    }

    private static AgentCallTrace Trace(string agent, int attempt, List<ChatMessage> sent, string? result, string? error, Stopwatch clock, DateTime started, ChatResponse? response) =>
        new(agent, attempt,
            sent.Select(m => new TracedMessage(m.Role.Value, m.Text)).ToList(),
            result, error, clock.ElapsedMilliseconds,
            response?.Usage?.InputTokenCount, response?.Usage?.OutputTokenCount, response?.ModelId, started);

    private static string Describe(Exception ex) => ex switch
    {
        System.ClientModel.ClientResultException { Status: > 0 } e => $"the provider answered {e.Status}.",
        HttpRequestException { StatusCode: { } status } => $"the provider answered {(int)status} {status}.",
        HttpRequestException => "the provider could not be reached.",
        _ => ex.Message.Length > 300 ? ex.Message[..300] + "…" : ex.Message,
    };
}
