using System.ClientModel;
using System.Net.Http;
using System.Text.Json;
using PersonaExplorer.Ai;

namespace PersonaExplorer.Tests.Ai;

public class ModelErrorsTests
{
    private static readonly AiOptions Local = new() { Provider = AiProvider.OpenAI, Endpoint = "http://localhost:11434/v1", Model = "llama3.1", TimeoutSeconds = 45 };

    [Fact]
    public void Stopping_is_not_an_error_whatever_was_thrown()
    {
        Assert.Equal("You stopped the answer.", ModelErrors.Describe(new TaskCanceledException(), userCancelled: true));
        Assert.Equal("You stopped the answer.", ModelErrors.Describe(new IOException("reset"), userCancelled: true));
        Assert.False(ModelErrors.IsRetryable(new OperationCanceledException(), userCancelled: true));
    }

    [Fact]
    public void A_cancellation_the_user_did_not_ask_for_is_a_timeout_naming_the_limit()
    {
        Assert.StartsWith("The model did not answer within 45 s", ModelErrors.Describe(new OperationCanceledException(), false, Local));
        Assert.StartsWith("The model did not answer within 45 s", ModelErrors.Describe(new TimeoutException(), false, Local));
        Assert.StartsWith("The model did not answer in time", ModelErrors.Describe(new TaskCanceledException(), false));
        Assert.True(ModelErrors.IsRetryable(new TimeoutException()));
    }

    [Fact]
    public void A_broken_stream_says_the_answer_was_cut_off()
    {
        foreach (var ex in new Exception[]
        {
            new IOException("Unable to read data from the transport connection"),
            new HttpIOException(HttpRequestError.ResponseEnded),
            new JsonException("Unexpected end of data"),
            new InvalidOperationException("wrapped", new IOException("reset")),
        })
            Assert.StartsWith("The answer was cut off", ModelErrors.Describe(ex, userCancelled: false));
    }

    [Fact]
    public void A_refused_connection_names_the_host_but_nothing_else_from_the_settings()
    {
        var ex = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (localhost:11434)");
        var options = new AiOptions { Provider = AiProvider.OpenAI, Endpoint = "http://localhost:11434/v1", ApiKey = "sk-secret" };

        var message = ModelErrors.Describe(ex, userCancelled: false, options);

        Assert.StartsWith("Could not reach the model at localhost:11434", message);
        Assert.DoesNotContain("sk-secret", message);
        Assert.StartsWith("Could not reach the model at api.openai.com", ModelErrors.Describe(ex, false, new AiOptions { Provider = AiProvider.OpenAI }));
    }

    [Fact]
    public void An_unknown_failure_names_only_its_type()
    {
        var message = ModelErrors.Describe(new InvalidOperationException("secret details at /home/me"), userCancelled: false);
        Assert.Equal("The model call failed (InvalidOperationException).", message);
    }

    [Fact]
    public void The_rate_limit_message_is_the_agreed_sentence()
    {
        Assert.Equal("The model provider is rate-limiting requests (429). Wait a moment and retry.", ModelErrors.RateLimitedMessage);
        Assert.False(ModelErrors.IsRetryable(new ClientResultException("no response")));
    }

    [Fact]
    public void Without_setup_hints_an_unreachable_or_unknown_failure_names_no_setting_and_no_host()
    {
        var deployed = new AiOptions { Provider = AiProvider.OpenAI, Endpoint = "https://models.internal.example:8443/v1", Model = "m", ShowSetupHints = false };

        var unreachable = ModelErrors.Classify(new HttpRequestException("connection refused"), false, deployed);
        var unknown = ModelErrors.Classify(new InvalidCastException("boom"), false, deployed);

        Assert.Equal(ModelErrorKind.Unreachable, unreachable.Kind);
        Assert.True(unreachable.IsRetryable);
        foreach (var message in new[] { unreachable.Message, unknown.Message })
        {
            Assert.DoesNotContain("Ai:", message);
            Assert.DoesNotContain("models.internal.example", message);
            Assert.DoesNotContain("InvalidCastException", message);
            Assert.Contains("tell the people running this app", message);
        }
    }

    [Fact]
    public void With_setup_hints_the_developer_is_told_which_setting_and_host_to_check()
    {
        var dev = new AiOptions { Provider = AiProvider.OpenAI, Endpoint = "http://localhost:11434/v1", Model = "m", ShowSetupHints = true };

        var message = ModelErrors.Describe(new HttpRequestException("connection refused"), false, dev);

        Assert.Contains("localhost:11434", message);
        Assert.Contains("Ai:Endpoint", message);
    }
}
