using Microsoft.Extensions.AI;

namespace PersonaExplorer.Ai;

// PLACEHOLDER: replaced by the real provider wiring (Offline | AzureOpenAI | OpenAI).
public static class AiExtensions
{
    public static IHostApplicationBuilder AddAi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ModelInfo.Offline);
        builder.Services.AddChatClient(_ => new OfflineDemoChatClient());
        return builder;
    }
}

internal sealed class OfflineDemoChatClient : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, "demo"));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var w in "This is the offline demo model. ".Split(' '))
        {
            await Task.Delay(10, cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, w + " ");
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}
