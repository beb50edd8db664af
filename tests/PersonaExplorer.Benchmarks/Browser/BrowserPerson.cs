using PersonaExplorer.BrowserTests.Infrastructure;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.Benchmarks.Browser;

/// <summary>
/// One person in headless Chromium: a browser context of their own, signed in through the app's real endpoints
/// (the first person through /setup as the admin, everyone else through /account/register), and their workspace page.
/// </summary>
internal sealed class BrowserPerson : IAsyncDisposable
{
    public const int TimeoutMs = 120_000;

    /// <summary>
    /// Timed inside the page, on the page's own clock: the Send click's event time, and the moment a MutationObserver
    /// sees the first text in the live (streaming) answer. Installed before every navigation.
    /// </summary>
    private const string TimingScript = """
        (() => {
          const b = window.__peBench = { t0: null, t1: null, observer: null };
          const shown = () => {
            const text = document.querySelector('[data-testid=chat-message][data-status=streaming] [data-testid=answer-text]');
            return !!text && text.textContent.trim().length > 0;
          };
          b.arm = () => {
            b.t0 = null; b.t1 = null; b.observer?.disconnect();
            b.observer = new MutationObserver(() => {
              if (b.t0 !== null && b.t1 === null && shown()) { b.t1 = performance.now(); b.observer.disconnect(); }
            });
            b.observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          };
          document.addEventListener('click', e => {
            if (b.t0 === null && e.target instanceof Element && e.target.closest('[data-testid=chat-send]')) b.t0 = e.timeStamp;
          }, true);
        })();
        """;

    private BrowserPerson(IBrowserContext context, IPage page, string email) => (Context, Page, Email, Ui) = (context, page, email, new Workspace(page));

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public string Email { get; }
    public Workspace Ui { get; }

    public static async Task<BrowserPerson> CreateAsync(IBrowser browser, Uri root, string email, bool firstAdmin)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, Locale = "en-US", TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(TimeoutMs);
        context.SetDefaultNavigationTimeout(TimeoutMs);
        await context.AddInitScriptAsync(TimingScript);
        var (formPage, post) = firstAdmin ? (AccountEndpoints.SetupPath, AccountEndpoints.SetupPost) : (AccountEndpoints.RegisterPath, AccountEndpoints.RegisterPost);
        var html = await (await context.APIRequest.GetAsync(new Uri(root, formPage).ToString())).TextAsync();
        var token = TestAccounts.FormToken(html) ?? throw new InvalidOperationException($"{formPage} shows no form (an account exists already, or registration is closed).");
        var form = context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token);
        form.Set("email", email);
        form.Set("password", TestAccounts.Password);
        form.Set("confirm", TestAccounts.Password);
        var response = await context.APIRequest.PostAsync(new Uri(root, post).ToString(), new() { Form = form, MaxRedirects = 0 });
        var location = response.Headers.TryGetValue("location", out var l) ? l : "";
        if (response.Status != 302 || location != "/")
            throw new InvalidOperationException($"Creating {email} through {post} failed: {response.Status} → {location}");
        return new BrowserPerson(context, await context.NewPageAsync(), email);
    }

    /// <summary>Navigates and waits until the circuit is live (the layout marks app-root after its first interactive render).</summary>
    public async Task OpenAsync(Uri url)
    {
        var response = await Page.GotoAsync(url.ToString());
        if (response is not { Ok: true }) throw new InvalidOperationException($"GET {url} returned {response?.Status}.");
        await Page.Locator("[data-testid=app-root][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Types <paramref name="text"/> and clicks Send; returns once the click is done (see <see cref="FirstTokenMsAsync"/>).</summary>
    public async Task SendAsync(string text)
    {
        await Expect(Page.Locator("[data-testid=chat-message][data-status=streaming]")).ToHaveCountAsync(0, new() { Timeout = TimeoutMs });
        await Page.EvaluateAsync("() => window.__peBench.arm()");
        await Ui.SendAsync(text);
    }

    /// <summary>Send click → first text of the live answer in the DOM, in ms, as the page measured it.</summary>
    public async Task<double> FirstTokenMsAsync() => (await FirstTokenAsync()).Ms;

    /// <summary>
    /// The same, with the click's wall-clock time (the page's time origin plus its clock), to place the provider's
    /// timestamps between click and first token (same machine, same wall clock).
    /// </summary>
    public async Task<(double Ms, DateTimeOffset Clicked)> FirstTokenAsync()
    {
        await Page.WaitForFunctionAsync("() => window.__peBench.t1 !== null", null, new() { PollingInterval = 100, Timeout = TimeoutMs });
        var t = await Page.EvaluateAsync<double[]>("() => [window.__peBench.t1 - window.__peBench.t0, performance.timeOrigin + window.__peBench.t0]");
        return (t[0], DateTimeOffset.FromUnixTimeMilliseconds(0).AddMilliseconds(t[1]));
    }

    /// <summary>Waits for the whole turn: the answer saved as complete and no panel agent still running.</summary>
    public async Task WaitForTurnAsync()
    {
        await Expect(Page.Locator("[data-testid=chat-message][data-status=streaming]")).ToHaveCountAsync(0, new() { Timeout = TimeoutMs });
        await Expect(Ui.LastAssistant).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = TimeoutMs });
        await Expect(Page.Locator("[data-testid=agent-status][data-state=running]")).ToHaveCountAsync(0, new() { Timeout = TimeoutMs });
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
