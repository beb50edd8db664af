using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PersonaExplorer.Ai;
using PersonaExplorer.Tests.Ai.Fakes;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.Ai;

public class AiExtensionsTests
{
    private static IHost BuildHost(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        services?.Invoke(builder.Services);
        builder.AddAi();
        return builder.Build();
    }

    [Fact]
    public async Task With_nothing_configured_the_offline_demo_model_answers_with_the_registered_responders()
    {
        using var host = BuildHost([], s => s.AddSingleton<IOfflineStructuredResponder, FixedResponder>());
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IChatClient>();

        Assert.Equal(ModelInfo.Offline, host.Services.GetRequiredService<ModelInfo>());
        Assert.NotNull(client.GetService<OfflineDemoChatClient>());
        Assert.Equal(ModelInfo.OfflineModelName, client.GetService<ChatClientMetadata>()?.DefaultModelId);
        var answer = await client.GetResponseAsync<Fixed>("anything");
        Assert.Equal("from the responder", answer.Result.Value);
        await host.StopAsync();
    }

    public sealed record Fixed(string Value);

    private sealed class FixedResponder : IOfflineStructuredResponder
    {
        public bool CanAnswer(ChatResponseFormatJson format) => format.SchemaName == nameof(Fixed);
        public System.Text.Json.JsonElement Answer(IReadOnlyList<ChatMessage> messages, ChatResponseFormatJson format, OfflineReading reading) =>
            System.Text.Json.JsonSerializer.SerializeToElement(new { value = "from the responder" });
    }

    [Fact]
    public async Task The_registered_client_goes_through_the_sdk_with_telemetry_but_without_message_content()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeReply.Normal("Hello through the middleware."));
        using var host = BuildHost(new()
        {
            ["Ai:Provider"] = "OpenAI",
            ["Ai:Endpoint"] = server.OpenAiEndpoint,
            ["Ai:Model"] = "llama3.1",
        });
        await host.StartAsync();
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AiExtensions.TelemetrySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) activities.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);

        var text = "";
        await foreach (var update in host.Services.GetRequiredService<IChatClient>().GetStreamingResponseAsync("Find me a quiet restaurant"))
            text += update.Text;

        Assert.Equal("Hello through the middleware.", text);
        var model = host.Services.GetRequiredService<ModelInfo>();
        Assert.Equal(new ModelInfo(AiProvider.OpenAI, "llama3.1", IsDemo: false, IsLocal: true), model);
        Assert.Equal("Local: llama3.1", model.BadgeText);
        // No key configured for a local server: a placeholder key is sent (local servers ignore it).
        Assert.Equal("(redacted)", Assert.Single(server.Requests).Headers["Authorization"]);
        Activity activity;
        lock (activities) activity = Assert.Single(activities);
        Assert.DoesNotContain(activity.TagObjects, t => t.Value?.ToString()?.Contains("quiet restaurant", StringComparison.Ordinal) == true);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("http://localhost:11434/v1", true)]
    [InlineData("http://127.0.0.5:8080/", true)]
    [InlineData("http://[::1]:8080/v1", true)]
    [InlineData("http://gpu-box.local/v1", false)]
    [InlineData("https://ollama.localhost.evil.example/v1", false)]
    [InlineData("https://myres.openai.azure.com/", false)]
    [InlineData("https://api.openai.com/v1", false)]
    [InlineData("http://192.168.1.20:11434/v1", false)]
    [InlineData(null, false)]
    public void Only_localhost_and_loopback_addresses_count_as_local_not_dot_local_names(string? endpoint, bool local)
    {
        Assert.Equal(local, AiExtensions.IsLocalEndpoint(endpoint));
    }

    [Fact]
    public void Model_info_names_the_deployment_or_model_and_is_never_a_demo_for_real_providers()
    {
        var azure = AiExtensions.CreateModelInfo(new AiOptions { Provider = AiProvider.AzureOpenAI, Endpoint = "https://myres.openai.azure.com/", Deployment = "gpt-4o" });
        var openAi = AiExtensions.CreateModelInfo(new AiOptions { Provider = AiProvider.OpenAI, Model = "gpt-4o-mini" });

        Assert.Equal("Azure OpenAI: gpt-4o", azure.BadgeText);
        Assert.False(azure.IsDemo || azure.IsLocal);
        Assert.Equal("OpenAI: gpt-4o-mini", openAi.BadgeText);
        Assert.True(AiExtensions.CreateModelInfo(new AiOptions()).IsDemo);
    }

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Staging", null, false)]
    [InlineData("Production", "true", true)]
    public void Setup_hints_in_model_errors_are_on_only_in_development_unless_configured(string environment, string? configured, bool expected)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Ai:ShowSetupHints"] = configured });
        builder.AddAi();
        using var host = builder.Build();

        Assert.Equal(expected, host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AiOptions>>().Value.ShowSetupHints);
    }
}
