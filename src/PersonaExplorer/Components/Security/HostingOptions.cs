using System.ComponentModel.DataAnnotations;
using System.Net;

namespace PersonaExplorer.Components.Security;

/// <summary>How the app is reached in a deployment (section <c>Hosting</c>); all empty on a local run.</summary>
public sealed class HostingOptions : IValidatableObject
{
    public const string Section = "Hosting";

    /// <summary>The address participants and researchers use, e.g. https://study.example.org/ (participant links are built from it).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>IP addresses of reverse proxies whose X-Forwarded-For/-Proto headers are trusted (loopback is always trusted).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) of trusted reverse proxies.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>The public base URL with a trailing slash, or null when none is configured.</summary>
    public Uri? PublicBase => Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri)
        ? new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/")
        : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl)
            && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Query.Length > 0))
            yield return new ValidationResult(
                $"Hosting:PublicBaseUrl must be an absolute http(s) address without a query, e.g. https://study.example.org/ (got '{PublicBaseUrl}').",
                [nameof(PublicBaseUrl)]);
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
            yield return new ValidationResult($"Hosting:KnownProxies must list IP addresses; '{proxy}' is not one.", [nameof(KnownProxies)]);
        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
            yield return new ValidationResult($"Hosting:KnownNetworks must list networks in CIDR form (10.0.0.0/8); '{network}' is not one.", [nameof(KnownNetworks)]);
    }
}
