using System.ClientModel;
using System.Net;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenTelemetry.Trace;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Ai;

/// <summary>Model access: one <see cref="IChatClient"/> for the configured provider (Offline | AzureOpenAI | OpenAI), with logging and tracing.</summary>
public static class AiExtensions
{
    /// <summary>The ActivitySource of the chat-client telemetry middleware.</summary>
    public const string TelemetrySourceName = "PersonaExplorer.Ai";

    /// <summary>Key used by the local OpenAI-compatible servers that ignore it (Ollama, vLLM, llama.cpp, LM Studio).</summary>
    internal const string UnusedApiKey = "not-needed";

    public static IHostApplicationBuilder AddAi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AiOptions>()
            .BindConfiguration(AiOptions.Section)
            .PostConfigure(o => o.ShowSetupHints ??= builder.Environment.IsDevelopment())
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AiOptions>, AiOptionsValidator>();

        builder.Services.AddSingleton(sp => CreateModelInfo(sp.GetRequiredService<IOptions<AiOptions>>().Value));
        builder.Services.AddAiServices();
        builder.Services.AddOfflineDemoModel();
        builder.Services.AddHostedService<Offline.OfflineWarmUp>();

        builder.Services
            .AddChatClient(sp => CreateChatClient(
                sp.GetRequiredService<IOptions<AiOptions>>().Value,
                sp.GetServices<IOfflineStructuredResponder>(),
                sp.GetRequiredService<ITextEmbedder>()))
            .UseLogging()
            .UseOpenTelemetry(sourceName: TelemetrySourceName, configure: otel => otel.EnableSensitiveData = false);

        var console = builder.Configuration.GetValue<bool>($"{AiOptions.Section}:{nameof(AiOptions.ConsoleTelemetry)}");
        builder.Services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddSource(TelemetrySourceName);
            if (console) tracing.AddConsoleExporter();
        });
        return builder;
    }

    /// <summary>The model-level helpers the features share (idempotent: features that use them call it too, so test hosts need no web host).</summary>
    public static IServiceCollection AddAiServices(this IServiceCollection services)
    {
        services.TryAddSingleton<ProviderScheduler>();
        services.TryAddSingleton<AnswerStreamer>();
        services.TryAddSingleton<ConceptRelevance>();
        services.TryAddSingleton<ChatClients>();
        services.TryAddSingleton<Agents.AgentRunner>();
        return services;
    }

    /// <summary>
    /// The provider client for these settings, without middleware (AddAi adds logging and telemetry).
    /// The options are expected to be valid (see <see cref="AiOptionsValidator"/>). The offline demo model reads with
    /// <paramref name="embedder"/>, or with a MiniLM model of its own when none is given.
    /// </summary>
    public static IChatClient CreateChatClient(AiOptions options, IEnumerable<IOfflineStructuredResponder>? responders = null, ITextEmbedder? embedder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case AiProvider.AzureOpenAI:
            {
                var endpoint = new Uri(options.Endpoint ?? throw Missing("Ai:Endpoint"), UriKind.Absolute);
                var clientOptions = new AzureOpenAIClientOptions();
                ConfigurePipeline(clientOptions, options);
                var client = string.IsNullOrWhiteSpace(options.ApiKey) && options.UseDefaultAzureCredential
                    ? new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), clientOptions)
                    : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey ?? throw Missing("Ai:ApiKey")), clientOptions);
                return client.GetChatClient(options.Deployment ?? throw Missing("Ai:Deployment")).AsIChatClient();
            }
            case AiProvider.OpenAI:
            {
                var clientOptions = new OpenAIClientOptions();
                if (!string.IsNullOrWhiteSpace(options.Endpoint))
                    clientOptions.Endpoint = new Uri(options.Endpoint, UriKind.Absolute);
                ConfigurePipeline(clientOptions, options);
                var key = string.IsNullOrWhiteSpace(options.ApiKey) ? UnusedApiKey : options.ApiKey;
                var client = new OpenAIClient(new ApiKeyCredential(key), clientOptions);
                return client.GetChatClient(options.Model ?? throw Missing("Ai:Model")).AsIChatClient();
            }
            default:
                return new OfflineDemoChatClient(embedder, options.OfflineTokenDelayMs, responders);
        }
    }

    /// <summary>What the model badge shows and every answer records.</summary>
    public static ModelInfo CreateModelInfo(AiOptions options) => options.Provider switch
    {
        AiProvider.AzureOpenAI => new(AiProvider.AzureOpenAI, options.Deployment ?? "", IsDemo: false, IsLocalEndpoint(options.Endpoint)),
        AiProvider.OpenAI => new(AiProvider.OpenAI, options.Model ?? "", IsDemo: false, IsLocalEndpoint(options.Endpoint)),
        _ => ModelInfo.Offline,
    };

    /// <summary>
    /// True only for endpoints on this machine: localhost or a loopback address (127.x, ::1). Private concepts go only
    /// there. "*.local" and LAN addresses are other machines (mDNS names can be claimed by anyone on the network).
    /// </summary>
    public static bool IsLocalEndpoint(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)) return false;
        var host = uri.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>Capped retries and a network timeout, so neither a huge Retry-After nor a silent provider can stall a turn.</summary>
    private static void ConfigurePipeline(System.ClientModel.Primitives.ClientPipelineOptions pipeline, AiOptions options)
    {
        pipeline.RetryPolicy = new CappedRetryPolicy(options);
        pipeline.NetworkTimeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds));
    }

    private static InvalidOperationException Missing(string setting) => new($"{setting} is not set.");
}
