using System.ClientModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai.Structured;

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
/// The one path for structured (JSON) model calls — agents, curator, text builder, user simulator, judge, attribution:
/// the schema in the request's response format (strict where the provider takes it, see <see cref="StructuredOutputMode"/>),
/// the call kind's temperature, output-token limit and timeout, one repair retry that shows the model what was wrong
/// (a parse error, or a reply cut at the token limit — never used as whole), and a trace of every call.
/// Never throws except on cancellation by the caller: failures come back as <see cref="AgentOutcome{T}.Error"/>.
/// </summary>
public sealed class AgentRunner(IChatClient chat, IOptions<AgentOptions> options, IOptions<AiOptions> ai, ILogger<AgentRunner> logger, ChatClients? clients = null,
    ProviderScheduler? scheduler = null)
{
    /// <summary>The app's one scheduler (DI); a runner built by hand gets one of its own.</summary>
    private readonly ProviderScheduler _scheduler = scheduler ?? new ProviderScheduler(ai);

    public const int MaxAttempts = 2;

    public AgentOptions Options => options.Value;

    /// <summary>Clients whose server rejected the response format: Auto stepped down for them (once, remembered).</summary>
    private readonly ConditionalWeakTable<IChatClient, object> _steppedDown = new();

    /// <summary>The client for a study condition's model name (null or the configured model: the configured client).</summary>
    public IChatClient ClientFor(string? model) => clients?.For(model) ?? chat;

    /// <summary>Runs one structured call. <paramref name="client"/>: another model (a study condition's), or null for the configured one.</summary>
    public async Task<AgentOutcome<T>> RunAsync<T>(string agent, IReadOnlyList<ChatMessage> messages, CancellationToken ct,
        IChatClient? client = null, CallKind? kind = null)
        where T : class, IAgentResult
    {
        var model = client ?? chat;
        var callKind = kind ?? (agent == AgentNames.Attribution ? CallKind.Attribution : CallKind.Agent);
        var limits = ai.Value.Calls.For(callKind);
        var calls = new List<AgentCallTrace>();
        var timeout = TimeSpan.FromSeconds(limits.TimeoutSeconds);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        var mode = ModeFor(model);
        var sent = WithSchemaInPrompt<T>(messages, mode);

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var started = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            ChatResponse response;
            try
            {
                // Background lane: a waiting chat answer goes first; the call's timeout starts once it is at the provider.
                using var slot = await _scheduler.EnterAsync(ProviderLane.Background, ct);
                if (attempt == 1 && _scheduler.ChatFirst) timeoutCts.CancelAfter(timeout);
                started = DateTime.UtcNow;
                clock.Restart();
                response = await model.GetResponseAsync(sent, Request<T>(callKind, mode), timeoutCts.Token);
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
            catch (ClientResultException ex) when (ai.Value.StructuredOutput == StructuredOutputMode.Auto && mode != StructuredOutputMode.Prompt && NamesResponseFormat(ex))
            {
                // The server does not take this response format: step down once, remember it for this client, ask again.
                logger.LogWarning("The model server rejected response_format ({Status}); structured calls to it now carry the schema in the prompt only", ex.Status);
                calls.Add(Trace(agent, attempt, sent, null, $"The server rejected the response format; retrying with the schema in the prompt ({Describe(ex)})", clock, started, null));
                _steppedDown.AddOrUpdate(model, StructuredOutputMode.Prompt);
                mode = StructuredOutputMode.Prompt;
                sent = WithSchemaInPrompt<T>(messages, mode);
                attempt--;
                continue;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Agent {Agent} failed", agent);
                var error = $"The model call failed: {Describe(ex)}";
                calls.Add(Trace(agent, attempt, sent, null, error, clock, started, null));
                return new AgentOutcome<T>(null, error, calls);
            }

            var cut = response.FinishReason == ChatFinishReason.Length;
            var (result, parseError) = cut
                ? (null, $"the reply was cut off at the output-token limit ({limits.MaxOutputTokens} tokens)")
                : Parse<T>(response.Text);
            calls.Add(Trace(agent, attempt, sent, response.Text, parseError, clock, started, response));
            if (result is not null) return new AgentOutcome<T>(result, null, calls);

            logger.LogInformation("Agent {Agent} attempt {Attempt} returned unusable JSON: {Error}", agent, attempt, parseError);
            if (attempt == MaxAttempts)
                return new AgentOutcome<T>(null, $"The model's answer could not be used, even after a retry ({parseError}).", calls);

            var repair = RepairPrompt(parseError!) + (cut ? " Keep it shorter: fewer items and shorter texts." : "") + SchemaNote<T>(mode);
            sent = [.. sent, new ChatMessage(ChatRole.Assistant, response.Text), new ChatMessage(ChatRole.User, repair)];
        }
        throw new UnreachableException();
    }

    /// <summary>The mode structured calls to this client use now (Auto resolves to Strict until the server rejects it).</summary>
    public StructuredOutputMode ModeFor(IChatClient client)
    {
        if (client.GetService<Offline.OfflineDemoChatClient>() is not null) return StructuredOutputMode.Schema; // it reads the schema name
        var configured = ai.Value.StructuredOutput;
        if (configured != StructuredOutputMode.Auto) return configured;
        return _steppedDown.TryGetValue(client, out var mode) ? (StructuredOutputMode)mode : StructuredOutputMode.Strict;
    }

    /// <summary>The request options of one structured call of this kind in this mode.</summary>
    public ChatOptions Request<T>(CallKind kind, StructuredOutputMode mode)
    {
        var options = ai.Value.Calls.Options(kind);
        switch (mode)
        {
            case StructuredOutputMode.Strict:
                options.ResponseFormat = StructuredSchema<T>.Format;
                options.AdditionalProperties = new() { ["strict"] = true };
                break;
            case StructuredOutputMode.Schema:
            case StructuredOutputMode.Auto:
                options.ResponseFormat = StructuredSchema<T>.Format;
                break;
            case StructuredOutputMode.JsonObject:
                options.ResponseFormat = ChatResponseFormat.Json;
                break;
        }
        return options;
    }

    /// <summary>
    /// Servers that only constrain decoding (or do not constrain at all) never show the model the field descriptions:
    /// for them the schema and one example also go into the system prompt.
    /// </summary>
    private List<ChatMessage> WithSchemaInPrompt<T>(IReadOnlyList<ChatMessage> messages, StructuredOutputMode mode)
    {
        var note = SchemaNote<T>(mode);
        var sent = messages.ToList();
        if (note.Length == 0) return sent;
        var system = sent.FindIndex(m => m.Role == ChatRole.System);
        if (system < 0) sent.Insert(0, new ChatMessage(ChatRole.System, note.Trim()));
        else sent[system] = new ChatMessage(ChatRole.System, sent[system].Text + note);
        return sent;
    }

    private string SchemaNote<T>(StructuredOutputMode mode) =>
        mode is StructuredOutputMode.JsonObject or StructuredOutputMode.Prompt || (!ai.Value.IsOpenAiHosted && ai.Value.Provider != AiProvider.Offline)
            ? SchemaInstructions<T>()
            : "";

    /// <summary>The schema and an example, as the prompt states them.</summary>
    public static string SchemaInstructions<T>() =>
        $"\n\nReply with only one JSON object that follows this JSON schema (the descriptions say what goes in each field):\n{StructuredSchema<T>.Schema.GetRawText()}\n"
        + $"Example of the shape (not of the content):\n{StructuredSchema<T>.Example}";

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

    /// <summary>A 400 whose message names the response format: the server does not support what was asked for.</summary>
    internal static bool NamesResponseFormat(ClientResultException ex) =>
        ex.Status == 400
        && (ex.Message.Contains("response_format", StringComparison.OrdinalIgnoreCase)
            || ex.GetRawResponse()?.Content?.ToString().Contains("response_format", StringComparison.OrdinalIgnoreCase) == true);

    private static AgentCallTrace Trace(string agent, int attempt, List<ChatMessage> sent, string? result, string? error, Stopwatch clock, DateTime started, ChatResponse? response) =>
        new(agent, attempt,
            sent.Select(m => new TracedMessage(m.Role.Value, m.Text)).ToList(),
            result, error, clock.ElapsedMilliseconds,
            response?.Usage?.InputTokenCount, response?.Usage?.OutputTokenCount, response?.ModelId, started);

    private static string Describe(Exception ex) => ex switch
    {
        ClientResultException { Status: > 0 } e => $"the provider answered {e.Status}.",
        HttpRequestException { StatusCode: { } status } => $"the provider answered {(int)status} {status}.",
        HttpRequestException => "the provider could not be reached.",
        _ => ex.Message.Length > 300 ? ex.Message[..300] + "…" : ex.Message,
    };
}
