namespace PersonaExplorer.Ai;

public enum AiProvider { Offline, AzureOpenAI, OpenAI }

/// <summary>The "Ai" configuration section. Keys come from user-secrets or environment variables (Ai__ApiKey), never from committed files.</summary>
public sealed class AiOptions
{
    public const string Section = "Ai";

    public AiProvider Provider { get; set; } = AiProvider.Offline;

    /// <summary>
    /// Whether model errors name the setting and host to fix (Ai:ApiKey, Ai:Endpoint, the server's address).
    /// Unset = only in Development: anonymous participants of a deployment must not learn the configuration.
    /// </summary>
    public bool? ShowSetupHints { get; set; }
    /// <summary>Azure: https://NAME.openai.azure.com/. OpenAI-compatible: base URL such as http://localhost:11434/v1 (empty = api.openai.com).</summary>
    public string? Endpoint { get; set; }
    /// <summary>Azure deployment name.</summary>
    public string? Deployment { get; set; }
    /// <summary>Model name for OpenAI-compatible servers (gpt-4o-mini, llama3.1, …).</summary>
    public string? Model { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>Azure only: sign in with DefaultAzureCredential instead of a key.</summary>
    public bool UseDefaultAzureCredential { get; set; }

    /// <summary>Upper bound for one whole model call, retries included, so a provider that never answers cannot hang a turn.</summary>
    public int TimeoutSeconds { get; set; } = 120;
    /// <summary>Retries of the SDK pipeline (429, 5xx, network).</summary>
    public int MaxRetries { get; set; } = 3;
    /// <summary>A Retry-After longer than this is capped (a huge value would stall a turn).</summary>
    public double MaxRetryDelaySeconds { get; set; } = 8;
    /// <summary>Base of the exponential backoff used when the provider sends no Retry-After.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 0.8;

    /// <summary>Offline demo model: delay between streamed tokens, to make streaming visible.</summary>
    public int OfflineTokenDelayMs { get; set; } = 12;

    /// <summary>How structured calls ask for JSON: Auto | Strict | Schema | JsonObject | Prompt.</summary>
    public Structured.StructuredOutputMode StructuredOutput { get; set; } = Structured.StructuredOutputMode.Auto;

    /// <summary>Temperature, output-token limit, timeout and seed per kind of call.</summary>
    public Structured.ModelCallLimits Calls { get; set; } = new();

    /// <summary>How requests share the provider: chat first on local servers, in parallel on cloud endpoints.</summary>
    public SchedulingOptions Scheduling { get; set; } = new();

    /// <summary>
    /// True for OpenAI's own API and Azure OpenAI. Other OpenAI-compatible servers (Ollama, llama.cpp, vLLM) often only
    /// constrain decoding and never show the model the schema's descriptions, so the schema also goes into the prompt.
    /// </summary>
    public bool IsOpenAiHosted => Provider == AiProvider.AzureOpenAI || (Provider == AiProvider.OpenAI && AiOptionsValidator.NeedsOpenAiKey(Endpoint));

    /// <summary>Write the chat-client traces to the console (no exporter is configured otherwise).</summary>
    public bool ConsoleTelemetry { get; set; }
}
