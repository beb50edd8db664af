using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;

namespace PersonaExplorer.Tests.Ai;

public class AiOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(AiOptions options)
    {
        var result = new AiOptionsValidator().Validate(Options.DefaultName, options);
        return result.Failed ? result.Failures!.ToList() : [];
    }

    [Fact]
    public void The_offline_default_needs_nothing()
    {
        Assert.Empty(Failures(new AiOptions()));
    }

    [Fact]
    public void Azure_without_an_endpoint_names_Ai_Endpoint()
    {
        var failures = Failures(new AiOptions { Provider = AiProvider.AzureOpenAI, Deployment = "gpt-4o", ApiKey = "k" });
        Assert.StartsWith("Ai:Endpoint is required when Ai:Provider is AzureOpenAI", Assert.Single(failures));
    }

    [Fact]
    public void Azure_without_a_deployment_names_Ai_Deployment()
    {
        var failures = Failures(new AiOptions { Provider = AiProvider.AzureOpenAI, Endpoint = "https://x.openai.azure.com/", ApiKey = "k" });
        Assert.Equal("Ai:Deployment is required when Ai:Provider is AzureOpenAI.", Assert.Single(failures));
    }

    [Fact]
    public void Azure_without_a_key_names_Ai_ApiKey_and_how_to_set_it()
    {
        var failures = Failures(new AiOptions { Provider = AiProvider.AzureOpenAI, Endpoint = "https://x.openai.azure.com/", Deployment = "gpt-4o" });
        Assert.Equal(
            "Ai:ApiKey is required for AzureOpenAI unless Ai:UseDefaultAzureCredential is true (set it with dotnet user-secrets or the Ai__ApiKey environment variable).",
            Assert.Single(failures));
    }

    [Fact]
    public void Azure_with_DefaultAzureCredential_needs_no_key()
    {
        Assert.Empty(Failures(new AiOptions
        {
            Provider = AiProvider.AzureOpenAI, Endpoint = "https://x.openai.azure.com/", Deployment = "gpt-4o", UseDefaultAzureCredential = true,
        }));
    }

    [Fact]
    public void OpenAI_without_a_model_names_Ai_Model()
    {
        var failures = Failures(new AiOptions { Provider = AiProvider.OpenAI, ApiKey = "sk" });
        Assert.StartsWith("Ai:Model is required when Ai:Provider is OpenAI", Assert.Single(failures));
    }

    [Fact]
    public void OpenAI_at_api_openai_com_needs_a_key()
    {
        var failures = Failures(new AiOptions { Provider = AiProvider.OpenAI, Model = "gpt-4o-mini" });
        Assert.StartsWith("Ai:ApiKey is required for OpenAI", Assert.Single(failures));
        Assert.NotEmpty(Failures(new AiOptions { Provider = AiProvider.OpenAI, Model = "gpt-4o-mini", Endpoint = "https://api.openai.com/v1" }));
    }

    [Theory]
    [InlineData("http://localhost:11434/v1")]
    [InlineData("http://127.0.0.1:8000/v1")]
    [InlineData("https://gpu-box.local:1234/v1")]
    public void A_local_OpenAI_compatible_server_needs_no_key(string endpoint)
    {
        Assert.Empty(Failures(new AiOptions { Provider = AiProvider.OpenAI, Model = "llama3.1", Endpoint = endpoint }));
    }

    [Theory]
    [InlineData(AiProvider.OpenAI, "http://gpu-box.local:1234/v1")]
    [InlineData(AiProvider.OpenAI, "http://192.168.1.20:11434/v1")]
    [InlineData(AiProvider.AzureOpenAI, "http://myres.openai.azure.com/")]
    public void A_model_server_on_another_machine_must_be_reached_over_https(AiProvider provider, string endpoint)
    {
        var failures = Failures(new AiOptions { Provider = provider, Model = "llama3.1", Deployment = "d", ApiKey = "k", Endpoint = endpoint });

        var failure = Assert.Single(failures);
        Assert.StartsWith("Ai:Endpoint must use https for a model server on another machine", failure);
        Assert.Contains(new Uri(endpoint).Host, failure);
    }

    [Theory]
    [InlineData("http://localhost:11434/v1")]
    [InlineData("http://[::1]:11434/v1")]
    [InlineData("https://gpu-box.example.org/v1")]
    public void Plain_http_is_fine_on_this_machine_and_https_anywhere(string endpoint)
    {
        Assert.Empty(Failures(new AiOptions { Provider = AiProvider.OpenAI, Model = "llama3.1", ApiKey = "k", Endpoint = endpoint }));
    }

    [Fact]
    public void A_relative_endpoint_is_rejected()
    {
        var failures = Failures(new AiOptions { Provider = AiProvider.OpenAI, Model = "llama3.1", Endpoint = "localhost:11434" });
        Assert.StartsWith("Ai:Endpoint must be an absolute http(s) base URL", Assert.Single(failures));
    }

    [Fact]
    public void Limits_must_be_sensible()
    {
        var failures = Failures(new AiOptions { TimeoutSeconds = 0, MaxRetries = -1, MaxRetryDelaySeconds = -1, RetryBaseDelaySeconds = -1, OfflineTokenDelayMs = -1 });
        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Ai:TimeoutSeconds", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Ai:MaxRetries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_host_does_not_start_with_a_missing_setting_and_says_which()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ai:Provider"] = "AzureOpenAI",
            ["Ai:Deployment"] = "gpt-4o",
            ["Ai:ApiKey"] = "from-user-secrets",
        });
        builder.AddAi();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Ai:Endpoint is required when Ai:Provider is AzureOpenAI", ex.Message);
        Assert.DoesNotContain("from-user-secrets", ex.Message);
    }
}
