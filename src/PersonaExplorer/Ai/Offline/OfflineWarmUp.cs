using Microsoft.Extensions.AI;

namespace PersonaExplorer.Ai.Offline;

/// <summary>
/// Reads the demo model's catalogues in the background as the app starts: encoding them takes seconds on a small
/// machine, which the first person's first answer would otherwise wait for. Does nothing for a real model.
/// </summary>
internal sealed class OfflineWarmUp(IServiceProvider services, ILogger<OfflineWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // never hold up the start
        if (services.GetService<IChatClient>()?.GetService<OfflineDemoChatClient>() is not { } offline) return;
        try { await offline.WarmUpAsync(stoppingToken); }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { } // stopped before it finished
        catch (Exception e) { logger.LogWarning(e, "Could not read the demo model's catalogues at start; the first answer reads them"); }
    }
}
