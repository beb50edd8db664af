using PersonaExplorer.Ai;

namespace PersonaExplorer.Tests.Ai.Fakes;

/// <summary>
/// App settings that point a provider at the fake server (kept out of FakeOpenAiServer.cs, which other projects compile
/// by link without the app's types). Tests set their own timeouts and retries on top.
/// </summary>
public static class FakeProviderOptions
{
    public static AiOptions PointAt(this AiOptions options, FakeOpenAiServer server, AiProvider provider, string model = "test-model")
    {
        options.Provider = provider;
        options.Endpoint = provider == AiProvider.AzureOpenAI ? server.AzureEndpoint : server.OpenAiEndpoint;
        options.Deployment = "test-deployment";
        options.Model = model;
        options.ApiKey = "sk-test-secret";
        return options;
    }
}
