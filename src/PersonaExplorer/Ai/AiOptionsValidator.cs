using Microsoft.Extensions.Options;

namespace PersonaExplorer.Ai;

/// <summary>
/// Checks the "Ai" section at start-up. Every message names the setting to fix, so a wrong deployment fails fast
/// with a sentence the operator can act on.
/// </summary>
public sealed class AiOptionsValidator : IValidateOptions<AiOptions>
{
    private const string SecretHint = "(set it with dotnet user-secrets or the Ai__ApiKey environment variable)";

    public ValidateOptionsResult Validate(string? name, AiOptions options)
    {
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IEnumerable<string> Failures(AiOptions o)
    {
        if (!Enum.IsDefined(o.Provider))
            yield return "Ai:Provider must be Offline, AzureOpenAI or OpenAI.";
        if (o.TimeoutSeconds <= 0)
            yield return "Ai:TimeoutSeconds must be greater than 0.";
        if (o.MaxRetries is < 0 or > 10)
            yield return "Ai:MaxRetries must be between 0 and 10.";
        if (o.MaxRetryDelaySeconds < 0)
            yield return "Ai:MaxRetryDelaySeconds must not be negative.";
        if (o.RetryBaseDelaySeconds < 0)
            yield return "Ai:RetryBaseDelaySeconds must not be negative.";
        if (o.OfflineTokenDelayMs < 0)
            yield return "Ai:OfflineTokenDelayMs must not be negative.";
        if (!Enum.IsDefined(o.StructuredOutput))
            yield return "Ai:StructuredOutput must be Auto, Strict, Schema, JsonObject or Prompt.";
        foreach (var failure in o.Calls.Failures())
            yield return failure;
        foreach (var failure in o.Scheduling.Failures())
            yield return failure;

        switch (o.Provider)
        {
            case AiProvider.AzureOpenAI:
                if (string.IsNullOrWhiteSpace(o.Endpoint))
                    yield return "Ai:Endpoint is required when Ai:Provider is AzureOpenAI (for example https://NAME.openai.azure.com/).";
                else if (!IsHttpUri(o.Endpoint))
                    yield return "Ai:Endpoint must be an absolute http(s) URL when Ai:Provider is AzureOpenAI.";
                else if (IsPlainHttpToAnotherMachine(o.Endpoint))
                    yield return RemoteNeedsHttps(o.Endpoint);
                if (string.IsNullOrWhiteSpace(o.Deployment))
                    yield return "Ai:Deployment is required when Ai:Provider is AzureOpenAI.";
                if (string.IsNullOrWhiteSpace(o.ApiKey) && !o.UseDefaultAzureCredential)
                    yield return $"Ai:ApiKey is required for AzureOpenAI unless Ai:UseDefaultAzureCredential is true {SecretHint}.";
                break;

            case AiProvider.OpenAI:
                if (string.IsNullOrWhiteSpace(o.Model))
                    yield return "Ai:Model is required when Ai:Provider is OpenAI (for example gpt-4o-mini, or llama3.1 on Ollama).";
                if (!string.IsNullOrWhiteSpace(o.Endpoint) && !IsHttpUri(o.Endpoint))
                    yield return "Ai:Endpoint must be an absolute http(s) base URL such as http://localhost:11434/v1 when Ai:Provider is OpenAI.";
                else if (!string.IsNullOrWhiteSpace(o.Endpoint) && IsPlainHttpToAnotherMachine(o.Endpoint))
                    yield return RemoteNeedsHttps(o.Endpoint);
                else if (string.IsNullOrWhiteSpace(o.ApiKey) && NeedsOpenAiKey(o.Endpoint))
                    yield return $"Ai:ApiKey is required for OpenAI at api.openai.com {SecretHint}; local servers set Ai:Endpoint and need no key.";
                break;
        }
    }

    /// <summary>api.openai.com (the default when no endpoint is set) needs a key; local or self-hosted servers usually ignore it.</summary>
    internal static bool NeedsOpenAiKey(string? endpoint) =>
        string.IsNullOrWhiteSpace(endpoint)
        || (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Host.EndsWith("openai.com", StringComparison.OrdinalIgnoreCase));

    /// <summary>Prompts carry the user's profile and request: plain http is only acceptable when it never leaves this machine.</summary>
    private static bool IsPlainHttpToAnotherMachine(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !AiExtensions.IsLocalEndpoint(endpoint);

    private static string RemoteNeedsHttps(string endpoint) =>
        $"Ai:Endpoint must use https for a model server on another machine ({new Uri(endpoint).Host}); plain http is accepted only for localhost, 127.0.0.1 or [::1].";

    private static bool IsHttpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
