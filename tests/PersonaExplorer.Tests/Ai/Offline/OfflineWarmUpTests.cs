using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Ai.Offline;

public class OfflineWarmUpTests
{
    /// <summary>Counts the sentences the demo model asks the sentence model to encode.</summary>
    private sealed class CountingEmbedder(ITextEmbedder inner) : ITextEmbedder
    {
        public int Sentences;
        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct = default)
        {
            Interlocked.Add(ref Sentences, texts.Count);
            return inner.EmbedAsync(texts, ct);
        }
    }

    [Fact]
    public async Task The_demo_models_catalogues_are_read_at_start_so_the_first_request_encodes_only_itself()
    {
        var embedder = new CountingEmbedder(SharedEmbedder.MiniLm);
        using var client = new OfflineDemoChatClient(embedder);
        var services = new ServiceCollection().AddSingleton<IChatClient>(client).BuildServiceProvider();
        var warmUp = new OfflineWarmUp(services, NullLogger<OfflineWarmUp>.Instance);

        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.ExecuteTask!;
        var atStart = embedder.Sentences;
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Plan a weekend in Porto")]);

        Assert.True(atStart > 50, $"only {atStart} catalogue sentences were read at start");
        Assert.True(embedder.Sentences - atStart <= 5, $"the first request encoded {embedder.Sentences - atStart} sentences");
    }

    [Fact]
    public async Task A_real_model_is_left_alone()
    {
        var services = new ServiceCollection().AddSingleton<IChatClient>(new ScriptedChatClient((_, _) => "ok")).BuildServiceProvider();
        var warmUp = new OfflineWarmUp(services, NullLogger<OfflineWarmUp>.Instance);

        await warmUp.StartAsync(CancellationToken.None);

        await warmUp.ExecuteTask!; // completes at once, without error
        Assert.True(warmUp.ExecuteTask!.IsCompletedSuccessfully);
    }
}
