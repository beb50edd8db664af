using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using PersonaExplorer.Data;

namespace PersonaExplorer.Benchmarks.Browser;

/// <summary>
/// The browser-level figures of issue #14 (and #11's memory per idle circuit): the real app on Kestrel, headless
/// Chromium driving its pages through Playwright, each person signed in through the real endpoints.
///   dotnet run -c Release --project tests/PersonaExplorer.Benchmarks -- --browser [--rounds 24] [--sessions 20] [--concurrent-rounds 5] [--circuits 20] [--hold SECONDS]
/// Exit code 1 when a target is missed, 2 when Chromium is missing.
/// </summary>
internal static class BrowserBenchmark
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private static readonly string[] Requests =
    [
        "Plan a relaxed weekend in Porto with my kids, under 800 euros", "Which laptop should I buy for programming and travel",
        "Help me design a study schedule for my statistics exam in three weeks", "Find a research direction on language models and education",
        "Suggest a gift for my father who likes gardening", "Plan a four-week running programme for a first 10 km race",
        "How should I furnish a small home office", "Plan a birthday dinner for eight people", "Help me save for a holiday next summer",
        "Which museums should I visit in Vienna in two days", "Plan vegetarian meals for a busy week", "Help me prepare for a job interview as a data analyst",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Console.Error.WriteLine($"Chromium not found at {chromium}: install it with `apt-get update && apt-get install -y chromium` " +
                                    "(or point CHROMIUM_PATH at a Chromium/Chrome executable). The browser figures cannot be measured without it.");
            return 2;
        }
        var rounds = IntArg(args, "--rounds", 24); // with the warm-up turn: a 50-message session for the memory figure
        var sessions = IntArg(args, "--sessions", 20);
        var concurrentRounds = IntArg(args, "--concurrent-rounds", 5);
        var circuits = IntArg(args, "--circuits", 20);
        var model = new FakeModel(FirstTokenMs: 250, TokenDelayMs: 4, AnswerWords: 200);

        Console.WriteLine($"PersonaExplorer browser-level benchmark — {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"commit {Machine.Commit()}; load average at start {Machine.LoadAverage()}");
        Console.WriteLine($"fake provider: {model}; {rounds} rounds per person after a warm-up turn; {sessions} concurrent sessions × {concurrentRounds} rounds; {circuits} idle circuits");
        var clock = Stopwatch.StartNew();
        var figures = new List<BrowserFigure>();

        await using var app = await BrowserApp.StartAsync(model);
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium, Headless = true, Args = ChromiumArgs, Timeout = 120_000,
        });
        Console.WriteLine($"app at {app.Root}, Chromium {browser.Version} ({clock.Elapsed.TotalSeconds:0} s)");

        // 1 and 2. Person A (the admin, the member workspace with CARE panels) and person B (panels off, as a chat-only
        // study condition sets them) take turns; each message is new and both sessions grow by one exchange a round.
        await using var a = await BrowserPerson.CreateAsync(browser, app.Root, "person-a@example.org", firstAdmin: true);
        await using var b = await BrowserPerson.CreateAsync(browser, app.Root, "person-b@example.org", firstAdmin: false);
        await a.OpenAsync(app.Root);
        app.Features.Next = StudyFeatures.All & ~(StudyFeatures.NeedsPanel | StudyFeatures.Solutions | StudyFeatures.TaskBreakdown);
        await b.OpenAsync(app.Root);
        app.Features.Next = null;

        var (aFirst, aOver, bFirst, bOver) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        List<double> toProvider = [], fromProvider = [];
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (person, first, over, tag) in new[] { (a, aFirst, aOver, "A"), (b, bFirst, bOver, "B") })
            {
                var marker = $"(turn {round:00} of {tag})";
                await person.SendAsync($"{Requests[(round * 5 + tag[0]) % Requests.Length]} {marker}");
                var (shown, clicked) = await person.FirstTokenAsync();
                var provider = await app.ProviderFirstWordAsync(marker);
                await person.WaitForTurnAsync();
                if (round == 0) continue; // warm-up: JIT, first embeddings, the person's profile
                first.Add(shown);
                over.Add(shown - provider.Ms);
                // Where the overhead lies (wall clock): click → request at the provider, and first word sent → text in the page.
                if (tag != "A") continue;
                toProvider.Add((provider.ArrivedAt - clicked).TotalMilliseconds);
                fromProvider.Add(shown - provider.Ms - toProvider[^1]);
            }
            // Panels off: no panel agent runs (the member page still shows the panels, empty).
            if (round == 0 && (await a.Page.GetByTestId("agent-status").CountAsync() == 0 || await b.Page.GetByTestId("agent-status").CountAsync() > 0))
                throw new InvalidOperationException("The panel agents should run for person A and not for person B.");
            if (round > 0 && round % 6 == 0) Console.WriteLine($"  round {round}: A {aFirst[^1]:0} ms (over provider {aOver[^1]:0}), B {bFirst[^1]:0} ms ({clock.Elapsed.TotalSeconds:0} s)");
        }
        var single = new Spread(aFirst);
        Console.WriteLine($"  person A's overhead, split on the wall clock: Send click → chat request at the provider {new Spread(toProvider)} ms; " +
                          $"provider's first word → text in the page {new Spread(fromProvider)} ms");
        figures.Add(BrowserFigure.Single("Send → first visible token minus the provider's first word, 1 person, CARE panels on (ms)", new Spread(aOver), s => s.P95, 50));
        figures.Add(BrowserFigure.Single("Send → first visible token, 1 person, CARE panels on (ms)", single, s => s.P95, null));
        figures.Add(BrowserFigure.Ratio("CARE panels on ÷ off: Send → first visible token, medians", single, new Spread(bFirst), s => s.Median, 1.10));
        figures.Add(BrowserFigure.Ratio("CARE panels on ÷ off: the same minus the provider's first word, medians", new Spread(aOver), new Spread(bOver), s => s.Median, null));

        // 4. Memory per idle circuit: person A's session (now 2 × (rounds + 1) messages) opened in N more tabs, then left alone.
        var sessionUrl = new Uri(a.Page.Url);
        await b.Page.CloseAsync(); // B's circuit goes before the baseline
        // One tab more before the baseline, left open: what the first visit of the page creates once (caches) is not a circuit's.
        var tabs = new List<IPage> { await OpenTabAsync(a, sessionUrl) };
        await Task.Delay(3000);
        var before = BrowserApp.Memory();
        for (var i = 0; i < circuits; i++) tabs.Add(await OpenTabAsync(a, sessionUrl));
        await Task.Delay(3000); // idle: the last renders acknowledged, nothing streaming
        var after = BrowserApp.Memory();
        if (IntArg(args, "--hold", 0) is > 0 and var hold)
        {
            Console.WriteLine($"  holding {circuits + 1} idle circuits for {hold} s (process {Environment.ProcessId}), e.g. for dotnet-gcdump");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }
        var messages = 2 * (rounds + 1);
        figures.Add(BrowserFigure.Single($"server memory per idle circuit holding a {messages}-message session, managed heap after a full GC ({circuits} circuits, KB)",
            new Spread([(after.Heap - before.Heap) / 1024.0 / circuits]), s => s.Median, 1024));
        figures.Add(BrowserFigure.Single("the same, the process's resident set (KB; includes heap space the GC keeps)",
            new Spread([(after.Resident - before.Resident) / 1024.0 / circuits]), s => s.Median, null));
        foreach (var tab in tabs) await tab.CloseAsync();

        // 3. N people at once: each signed in, own session, all clicking Send together; one warm-up round (--sessions 0 skips it).
        if (sessions > 0) figures.Add(await ConcurrentAsync(app, browser, sessions, concurrentRounds, single, clock));

        Console.WriteLine();
        Console.WriteLine($"load average at end {Machine.LoadAverage()}; took {clock.Elapsed.TotalMinutes:0.0} min");
        Console.WriteLine("| figure | median [min–max], p95 | target | |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var f in figures) Console.WriteLine(f.Row());
        var missed = figures.Count(f => f.Missed);
        Console.WriteLine(missed == 0 ? "All targets met." : $"{missed} target(s) missed.");
        return missed == 0 ? 0 : 1;
    }

    private static async Task<BrowserFigure> ConcurrentAsync(BrowserApp app, IBrowser browser, int sessions, int rounds, Spread single, Stopwatch clock)
    {
        var people = new List<BrowserPerson>();
        try
        {
            for (var i = 0; i < sessions; i++) people.Add(await BrowserPerson.CreateAsync(browser, app.Root, $"person-{i:00}@example.org", firstAdmin: false));
            await Task.WhenAll(people.Select(p => p.OpenAsync(app.Root)));
            var together = new List<double>();
            for (var round = 0; round <= rounds; round++)
            {
                var marked = people.Select((p, i) => (p, Text: $"{Requests[(round * 7 + i) % Requests.Length]} (concurrent {round:00} of {i:00})")).ToList();
                await Task.WhenAll(marked.Select(m => m.p.SendAsync(m.Text)));
                var shown = await Task.WhenAll(people.Select(p => p.FirstTokenMsAsync()));
                await Task.WhenAll(people.Select(p => p.WaitForTurnAsync()));
                if (round > 0) together.AddRange(shown);
                Console.WriteLine($"  concurrent round {round}{(round == 0 ? " (warm-up)" : "")}: median {new Spread(shown).Median:0} ms, max {shown.Max():0} ms ({clock.Elapsed.TotalSeconds:0} s)");
            }
            return BrowserFigure.Ratio($"{sessions} concurrent sessions ÷ 1 session: Send → first visible token, p95", new Spread(together), single, s => s.P95, 1.5);
        }
        finally
        {
            foreach (var p in people) await p.DisposeAsync();
        }
    }

    /// <summary>A new tab of <paramref name="person"/> on <paramref name="url"/>, its circuit live and the session's messages shown.</summary>
    private static async Task<IPage> OpenTabAsync(BrowserPerson person, Uri url)
    {
        var tab = await person.Context.NewPageAsync();
        await tab.GotoAsync(url.ToString());
        await tab.Locator("[data-testid=app-root][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await tab.Locator("[data-testid=chat-message]").First.WaitForAsync();
        return tab;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

/// <summary>Measured values with their median, p95 (nearest rank), min and max.</summary>
internal sealed class Spread(IReadOnlyCollection<double> values)
{
    private readonly double[] _sorted = [.. values.Order()];

    public double Median => _sorted.Length % 2 == 1 ? _sorted[_sorted.Length / 2] : (_sorted[_sorted.Length / 2 - 1] + _sorted[_sorted.Length / 2]) / 2;
    public double P95 => _sorted[Math.Max(0, (int)Math.Ceiling(0.95 * _sorted.Length) - 1)];

    public override string ToString() => _sorted.Length == 1
        ? $"{_sorted[0]:0.#}"
        : $"{Median:0.#} [{_sorted[0]:0.#}–{_sorted[^1]:0.#}], p95 {P95:0.#} (n = {_sorted.Length})";
}

/// <summary>One printed figure: a measure, or a ratio of one statistic of two measures; missed when above its target.</summary>
internal sealed record BrowserFigure(string Name, string Text, double Value, double? Target)
{
    public bool Missed => Target is { } t && !(Value <= t);

    public static BrowserFigure Single(string name, Spread values, Func<Spread, double> statistic, double? target) =>
        Report(new BrowserFigure(name, values.ToString(), statistic(values), target));

    public static BrowserFigure Ratio(string name, Spread numerator, Spread denominator, Func<Spread, double> statistic, double? target)
    {
        var ratio = statistic(numerator) / statistic(denominator);
        return Report(new BrowserFigure(name, $"{numerator} ÷ {denominator} = **{ratio:0.00}**", ratio, target));
    }

    public string Row() => $"| {Name} | {Text} | {(Target is { } t ? $"≤ {t:0.##}" : "–")} | {(Target is null ? "" : Missed ? "✘ missed" : "✔")} |";

    private static BrowserFigure Report(BrowserFigure f)
    {
        Console.WriteLine($"{f.Name}: {f.Text} (target {(f.Target is { } t ? $"<= {t:0.##}" : "none")}){(f.Missed ? " MISSED" : "")}");
        return f;
    }
}
