using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Ai;

/// <summary>
/// The configured chat client, or one for another model/deployment of the same provider (a study condition may name one).
/// Clients are created once per model name and reused; the offline demo model serves every name.
/// </summary>
public sealed class ChatClients(IChatClient defaultClient, IOptions<AiOptions> options, IEnumerable<IOfflineStructuredResponder> responders) : IDisposable
{
    private readonly ConcurrentDictionary<string, IChatClient> _byModel = new(StringComparer.Ordinal);

    public IChatClient For(string? model)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(model) || o.Provider == AiProvider.Offline || model == (o.Provider == AiProvider.AzureOpenAI ? o.Deployment : o.Model))
            return defaultClient;
        return _byModel.GetOrAdd(model.Trim(), name => AiExtensions.CreateChatClient(new AiOptions
        {
            Provider = o.Provider, Endpoint = o.Endpoint, ApiKey = o.ApiKey, UseDefaultAzureCredential = o.UseDefaultAzureCredential,
            Deployment = o.Provider == AiProvider.AzureOpenAI ? name : o.Deployment,
            Model = o.Provider == AiProvider.OpenAI ? name : o.Model,
            TimeoutSeconds = o.TimeoutSeconds, MaxRetries = o.MaxRetries, MaxRetryDelaySeconds = o.MaxRetryDelaySeconds,
            RetryBaseDelaySeconds = o.RetryBaseDelaySeconds, OfflineTokenDelayMs = o.OfflineTokenDelayMs,
            StructuredOutput = o.StructuredOutput, Calls = o.Calls, Scheduling = o.Scheduling,
        }, responders));
    }

    public void Dispose()
    {
        foreach (var client in _byModel.Values) client.Dispose();
    }
}
