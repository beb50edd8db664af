using PersonaExplorer.Ai.Embeddings;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>One real MiniLM model for the whole test run (loading it once keeps the suite fast).</summary>
public static class SharedEmbedder
{
    private static readonly Lazy<MiniLmTextEmbedder> Instance = new(() => new MiniLmTextEmbedder());
    public static ITextEmbedder MiniLm => Instance.Value;
}
