using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PersonaExplorer.Components.Security;

/// <summary>
/// Security headers on every response (CSP and friends), and — outside Development — HSTS, HTTPS redirection and
/// forwarded headers from configured reverse proxies. Host names are limited by <c>AllowedHosts</c> (root appsettings.json).
/// </summary>
public static class WebSecurityExtensions
{
    public static IHostApplicationBuilder AddWebSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var hosting = builder.Configuration.GetSection(HostingOptions.Section).Get<HostingOptions>() ?? new HostingOptions();

        builder.Services.AddSecurityHeaderPolicies().SetDefaultPolicy(policy => policy
            .AddFrameOptionsDeny()
            .AddContentTypeOptionsNoSniff()
            // Participant links carry a secret code: never send the path to another site.
            .AddReferrerPolicySameOrigin()
            .AddCrossOriginOpenerPolicy(o => o.SameOrigin())
            .RemoveServerHeader()
            .AddContentSecurityPolicy(csp => ContentSecurityPolicy(csp, hosting.PublicBase)));

        // The Server header names the web server for nobody's benefit.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in hosting.KnownProxies)
                if (IPAddress.TryParse(proxy, out var ip)) o.KnownProxies.Add(ip);
            foreach (var network in hosting.KnownNetworks)
                if (System.Net.IPNetwork.TryParse(network, out var net)) o.KnownIPNetworks.Add(net);
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        if (!builder.Environment.IsDevelopment())
        {
            // A deployment serves https (directly or behind a TLS proxy): the researcher's sign-in never travels in clear.
            builder.Services.PostConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }
        return builder;
    }

    /// <summary>
    /// Tight enough that rendered model output cannot load, frame or run anything from another host.
    /// script: own files plus the per-request nonce of Blazor's inline import map. style: 'unsafe-inline' because
    /// MudBlazor, Blazor and Plotly set style attributes and inject style elements (markdown cannot: the sanitizer
    /// strips style). connect: the circuit's websocket is same-origin ('self' covers ws/wss of this host in CSP3;
    /// the public host is named explicitly for browsers that do not).
    /// </summary>
    internal static void ContentSecurityPolicy(CspBuilder csp, Uri? publicBase)
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self().WithNonce();
        csp.AddStyleSrc().Self().UnsafeInline();
        csp.AddImgSrc().Self().Data();
        csp.AddFontSrc().Self().Data();
        var connect = csp.AddConnectSrc().Self();
        if (publicBase is not null)
            connect.From((publicBase.Scheme == "https" ? "wss://" : "ws://") + publicBase.Authority);
        csp.AddFrameAncestors().None();
        csp.AddFrameSrc().None();
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFormAction().Self();
    }

    /// <summary>Runs first: forwarded headers, then (outside Development) HSTS and HTTPS redirection, then the headers.</summary>
    public static WebApplication UseWebSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseForwardedHeaders();
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        return app;
    }
}
