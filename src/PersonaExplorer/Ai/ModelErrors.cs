using System.ClientModel;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PersonaExplorer.Ai;

public enum ModelErrorKind
{
    Cancelled,
    Unauthorized,
    NotFound,
    RateLimited,
    ProviderError,
    ContentFilter,
    BadRequest,
    Timeout,
    StreamCut,
    Unreachable,
    Unknown,
}

/// <summary>A failed model call as the user sees it: one short sentence, never a stack trace, a key or a response body.</summary>
public sealed record ModelError(ModelErrorKind Kind, string Message, bool IsRetryable);

/// <summary>Turns what the OpenAI / Azure OpenAI SDKs (and the offline model) throw into a user-facing sentence.</summary>
public static partial class ModelErrors
{
    public const string StreamCutMessage =
        "The answer was cut off: the connection to the model broke before it finished. The partial text is kept; retry to get a complete answer.";

    public const string RateLimitedMessage = "The model provider is rate-limiting requests (429). Wait a moment and retry.";
    private const string KeySetting = "Ai:ApiKey (set it with dotnet user-secrets or the Ai__ApiKey environment variable)";

    /// <summary>A short user-facing sentence for a failed model call.</summary>
    /// <param name="ex">What the call threw.</param>
    /// <param name="userCancelled">True when the person pressed stop (or left): that is not an error.</param>
    /// <param name="options">The active settings: used to name the host and the timeout. Optional.</param>
    public static string Describe(Exception ex, bool userCancelled, AiOptions? options = null) =>
        Classify(ex, userCancelled, options).Message;

    /// <summary>True when trying the same call again later may succeed (rate limit, 5xx, timeout, network, cut stream).</summary>
    public static bool IsRetryable(Exception ex, bool userCancelled = false) => Classify(ex, userCancelled).IsRetryable;

    public static ModelError Classify(Exception ex, bool userCancelled, AiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (userCancelled)
            return new(ModelErrorKind.Cancelled, "You stopped the answer.", false);

        if (Find<ClientResultException>(ex) is { Status: > 0 } client)
            return Hints(options) ? FromStatus(client, options) : WithoutSetupHints(FromStatus(client, options), client.Status);

        if (Find<TimeoutException>(ex) is not null || Find<OperationCanceledException>(ex) is not null)
        {
            var within = options is { TimeoutSeconds: > 0 } ? $"within {options.TimeoutSeconds} s" : "in time";
            return new(ModelErrorKind.Timeout, $"The model did not answer {within}. Try again, or check that the model server is running.", true);
        }

        // HttpIOException (response ended mid-body) is an IOException; check it before HttpRequestException.
        if (Find<IOException>(ex) is not null || Find<JsonException>(ex) is not null
            || Find<HttpRequestException>(ex) is { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse })
            return new(ModelErrorKind.StreamCut, StreamCutMessage, true);

        if (Find<HttpRequestException>(ex) is not null || Find<SocketException>(ex) is not null)
            return new(ModelErrorKind.Unreachable, Hints(options)
                ? $"Could not reach the model at {Host(options)}. Check Ai:Endpoint and that the server is running."
                : $"Could not reach the model. Try again in a moment; {TellOperator}", true);

        return new(ModelErrorKind.Unknown, Hints(options) ? $"The model call failed ({ex.GetType().Name})." : $"The model call failed. {TellOperator}", false);
    }

    private const string TellOperator = "if it keeps failing, tell the people running this app.";

    /// <summary>Setup hints (settings, hosts) only where the person can act on them: Development, or when configured.</summary>
    private static bool Hints(AiOptions? options) => options?.ShowSetupHints ?? true;

    /// <summary>The same kind of error, worded without any setting name or host.</summary>
    private static ModelError WithoutSetupHints(ModelError error, int status) => error.Kind switch
    {
        ModelErrorKind.Unauthorized => error with { Message = $"The model provider refused this app's access ({status}). Please tell the people running this app." },
        ModelErrorKind.NotFound => error with { Message = $"The model was not found ({status}). Please tell the people running this app." },
        _ => error,
    };

    private static ModelError FromStatus(ClientResultException ex, AiOptions? options)
    {
        var status = ex.Status;
        var code = ErrorCode(ex);
        if (status == 400 && code is "content_filter" or "ResponsibleAIPolicyViolation")
            return new(ModelErrorKind.ContentFilter, "The provider's content filter blocked this request (content_filter). Rephrase the message and try again.", false);

        return status switch
        {
            401 or 403 when options is { Provider: AiProvider.AzureOpenAI, UseDefaultAzureCredential: true } =>
                new(ModelErrorKind.Unauthorized, $"The model provider refused the sign-in ({status}). Check that the identity used by DefaultAzureCredential has access to the deployment, or set {KeySetting}.", false),
            401 or 403 =>
                new(ModelErrorKind.Unauthorized, $"The model provider rejected the API key ({status}): it is missing, wrong or not allowed. Check {KeySetting}.", false),
            404 =>
                new(ModelErrorKind.NotFound, "The model or deployment was not found (404). Check Ai:Endpoint and Ai:Deployment or Ai:Model.", false),
            408 =>
                new(ModelErrorKind.Timeout, "The model provider timed out (408). Try again in a moment.", true),
            429 =>
                new(ModelErrorKind.RateLimited, RateLimitedMessage, true),
            >= 500 =>
                new(ModelErrorKind.ProviderError, $"The model provider had a provider error ({status}). Try again in a moment.", true),
            _ =>
                new(ModelErrorKind.BadRequest, code is null
                    ? $"The model provider rejected the request ({status})."
                    : $"The model provider rejected the request ({status}, {code}).", false),
        };
    }

    /// <summary>The provider's error code from an error body ({"error":{"code":"…"}}), if it is a plain identifier.</summary>
    private static string? ErrorCode(ClientResultException ex)
    {
        try
        {
            var content = ex.GetRawResponse()?.Content;
            if (content is null || content.ToMemory().Length == 0) return null;
            using var doc = JsonDocument.Parse(content.ToMemory());
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
                return null;
            if (error.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object
                && inner.TryGetProperty("code", out var innerCode) && innerCode.GetString() == "ResponsibleAIPolicyViolation")
                return "content_filter";
            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return code is not null && Identifier().IsMatch(code) ? code : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ObjectDisposedException)
        {
            return null;
        }
    }

    private static string Host(AiOptions? options)
    {
        if (options is null) return "the configured endpoint";
        if (string.IsNullOrWhiteSpace(options.Endpoint))
            return options.Provider == AiProvider.OpenAI ? "api.openai.com" : "the configured endpoint";
        return Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) ? uri.Authority : "the configured endpoint";
    }

    private static T? Find<T>(Exception ex) where T : Exception
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is T match) return match;
            if (e is AggregateException { InnerExceptions.Count: > 0 } aggregate)
                foreach (var inner in aggregate.InnerExceptions)
                    if (Find<T>(inner) is { } found) return found;
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex Identifier();
}
