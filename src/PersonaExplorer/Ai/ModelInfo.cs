namespace PersonaExplorer.Ai;

/// <summary>What answers: shown in the model badge and stored on every answer.</summary>
public sealed record ModelInfo(AiProvider Provider, string ModelName, bool IsDemo, bool IsLocal)
{
    public const string OfflineModelName = "offline-demo";

    public static ModelInfo Offline { get; } = new(AiProvider.Offline, OfflineModelName, IsDemo: true, IsLocal: true);

    public string BadgeText => IsDemo ? "Offline demo model" : $"{ProviderLabel}: {ModelName}";

    public string ProviderLabel => Provider switch
    {
        AiProvider.AzureOpenAI => "Azure OpenAI",
        AiProvider.OpenAI => IsLocal ? "Local" : "OpenAI",
        _ => "Offline",
    };
}
