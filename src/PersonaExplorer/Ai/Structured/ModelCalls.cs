namespace PersonaExplorer.Ai.Structured;

/// <summary>How structured (JSON) calls ask the provider for their shape.</summary>
public enum StructuredOutputMode
{
    /// <summary>Strict JSON schema; on a 400 that names response_format, step down once to <see cref="Prompt"/> for that client.</summary>
    Auto,
    /// <summary>json_schema with strict: true (OpenAI, Azure OpenAI, vLLM).</summary>
    Strict,
    /// <summary>json_schema without strict (servers that constrain decoding but reject the flag).</summary>
    Schema,
    /// <summary>json_object: any JSON object; the schema is in the prompt.</summary>
    JsonObject,
    /// <summary>No response_format at all; the schema and an example are in the prompt only.</summary>
    Prompt,
}

/// <summary>The kinds of model call, each with its own temperature, output-token limit and timeout.</summary>
public enum CallKind { Chat, Steering, Agent, Attribution, Curator, TextBuilder, Simulator, Judge }

/// <summary>Limits of one kind of model call.</summary>
public sealed class CallLimits
{
    /// <summary>Null = the provider's default (for the free-flowing chat answer).</summary>
    public double? Temperature { get; set; }

    /// <summary>Sent as max_tokens (max_completion_tokens) on every request, so no call can run without a bound.</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>Upper bound for a structured call (repair retry included). Streamed answers use the two timeouts below instead.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Streamed answers (Chat, Steering): how long to wait for the first token, a wait for the provider's slot included.</summary>
    public int FirstTokenTimeoutSeconds { get; set; } = 90;

    /// <summary>Streamed answers: how long the stream may stay silent after its first token before it counts as stalled.</summary>
    public int IdleTimeoutSeconds { get; set; } = 30;

    /// <summary>Fixed seed for reproducible comparisons (live steering, A/B, the evaluation); null = none.</summary>
    public long? Seed { get; set; }
}

/// <summary>The "Ai:Calls" section: one <see cref="CallLimits"/> per <see cref="CallKind"/> (defaults in appsettings.json).</summary>
public sealed class ModelCallLimits
{
    public CallLimits Chat { get; set; } = new() { MaxOutputTokens = 1500, TimeoutSeconds = 120, FirstTokenTimeoutSeconds = 90, IdleTimeoutSeconds = 30 };
    public CallLimits Steering { get; set; } = new() { Temperature = 0.2, Seed = 7, MaxOutputTokens = 1500, TimeoutSeconds = 120, FirstTokenTimeoutSeconds = 90, IdleTimeoutSeconds = 30 };
    public CallLimits Agent { get; set; } = new() { Temperature = 0.2, MaxOutputTokens = 1200, TimeoutSeconds = 60 };
    public CallLimits Attribution { get; set; } = new() { Temperature = 0, MaxOutputTokens = 400, TimeoutSeconds = 60 };
    public CallLimits Curator { get; set; } = new() { Temperature = 0, MaxOutputTokens = 800, TimeoutSeconds = 60 };
    public CallLimits TextBuilder { get; set; } = new() { Temperature = 0, MaxOutputTokens = 1200, TimeoutSeconds = 90 };
    public CallLimits Simulator { get; set; } = new() { Temperature = 0.7, MaxOutputTokens = 400, TimeoutSeconds = 60 };
    public CallLimits Judge { get; set; } = new() { Temperature = 0, Seed = 7, MaxOutputTokens = 400, TimeoutSeconds = 60 };

    public CallLimits For(CallKind kind) => kind switch
    {
        CallKind.Chat => Chat,
        CallKind.Steering => Steering,
        CallKind.Agent => Agent,
        CallKind.Attribution => Attribution,
        CallKind.Curator => Curator,
        CallKind.TextBuilder => TextBuilder,
        CallKind.Simulator => Simulator,
        CallKind.Judge => Judge,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Each kind's limits must be usable; the messages name the setting.</summary>
    public IEnumerable<string> Failures()
    {
        foreach (var kind in Enum.GetValues<CallKind>())
        {
            var limits = For(kind);
            if (limits.MaxOutputTokens is < 16 or > 32_000)
                yield return $"Ai:Calls:{kind}:MaxOutputTokens must be between 16 and 32000.";
            if (limits.TimeoutSeconds is < 1 or > 600)
                yield return $"Ai:Calls:{kind}:TimeoutSeconds must be between 1 and 600.";
            if (limits.FirstTokenTimeoutSeconds is < 1 or > 600)
                yield return $"Ai:Calls:{kind}:FirstTokenTimeoutSeconds must be between 1 and 600.";
            if (limits.IdleTimeoutSeconds is < 1 or > 600)
                yield return $"Ai:Calls:{kind}:IdleTimeoutSeconds must be between 1 and 600.";
            if (limits.Temperature is < 0 or > 2)
                yield return $"Ai:Calls:{kind}:Temperature must be between 0 and 2.";
        }
    }

    /// <summary>The request options of one call of this kind: temperature, output-token limit and seed.</summary>
    public Microsoft.Extensions.AI.ChatOptions Options(CallKind kind)
    {
        var limits = For(kind);
        return new Microsoft.Extensions.AI.ChatOptions { Temperature = (float?)limits.Temperature, MaxOutputTokens = limits.MaxOutputTokens, Seed = limits.Seed };
    }
}
