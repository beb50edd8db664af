using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using PersonaExplorer.Ai;
using PersonaExplorer.Benchmarks;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Features.Profiles;

// The app's own path: ExploreState.SendAsync (what the Send click calls) → AnswerStreamer → the real OpenAI SDK client →
// a fake model in a child process, with the app's DI composition, the CARE panels, the curator and the live message's
// renderer. Different requests and growing histories each round; medians with min/max; exit code 1 on a missed target.
//   dotnet run -c Release --project tests/PersonaExplorer.Benchmarks [-- --rounds 9] [--only care,steering,single-slot,cpu]   (-- --browser: the browser-level figures)
// A CPU trace of the turns (see RESULTS.md, "Where a turn's CPU goes"): run the built benchmark under dotnet-trace with --only cpu.
if (args is ["--serve", var ft, var td, var words, var slots])
{
    await FakeModelProcess.ServeAsync(new FakeModel(int.Parse(ft), int.Parse(td), int.Parse(words), slots == "single"));
    return 0;
}
if (args is ["--browser", .. var browserArgs]) return await PersonaExplorer.Benchmarks.Browser.BrowserBenchmark.RunAsync(browserArgs); // Browser/: the figures in Chromium
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
var rounds = options.Rounds;
var settle = TimeSpan.FromMilliseconds(300);
string[] requests =
[
    "Plan a relaxed weekend in Porto with my kids, under 800 euros.", "Which laptop should I buy for programming and travel?",
    "Help me design a study schedule for my statistics exam in three weeks.", "Find a research direction on language models and education.",
    "Suggest a gift for my father who likes gardening.", "Plan a four-week running programme for a first 10 km race.",
    "How should I furnish a small home office?", "Plan a birthday dinner for eight people.", "Help me save for a holiday next summer.",
    "Which museums should I visit in Vienna in two days?", "Plan vegetarian meals for a busy week.", "Help me prepare for a job interview as a data analyst.",
];
string Request(int round, int circuit) => $"{requests[(round * 3 + circuit) % requests.Length]} (round {round})";

Console.WriteLine($"PersonaExplorer app-path benchmark — {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"commit {Machine.Commit()}; load average at start {Machine.LoadAverage()}; {rounds} rounds per figure after warm-up turns; sections: {options}");
var figures = new List<Figure>();

var streaming = new FakeModel(FirstTokenMs: 250, TokenDelayMs: 4, AnswerWords: 300);
var singleSlot = streaming with { SingleSlot = true };
var instant = new FakeModel(FirstTokenMs: 0, TokenDelayMs: 0, AnswerWords: 300);

if (options.Runs("care") || options.Runs("steering"))
{
    await using var model = await FakeModelProcess.StartAsync(streaming);
    await using var app = await AppPath.StartAsync(model, SchedulingMode.Parallel);
    if (options.Runs("care"))
    {
        // 1. CARE panels on ÷ off, cloud-like provider (requests in parallel).
        var (care, plain) = await SideBySideAsync(app, StudyFeatures.All, StudyFeatures.All & ~Panels());
        figures.Add(Figure.Ratio("CARE panels on ÷ off: Send → first token (parallel provider)", care, plain, 1.10, model.Model));

        // 4. CPU per streamed word through the real streamer and the live message's renderer: 500- vs 10-message session.
        await using var small = await app.OpenCircuitAsync(StudyFeatures.ChatOnly);
        await using var large = await app.OpenCircuitAsync(StudyFeatures.ChatOnly);
        await small.SendAsync(Request(0, 0), settle);
        await large.SendAsync(Request(0, 1), settle);
        await small.GrowSessionAsync(10);
        await large.GrowSessionAsync(500);
        var (cpuSmall, cpuLarge) = (new List<double>(), new List<double>());
        for (var i = 1; i <= rounds; i++)
        {
            var s = await small.SendAsync(Request(i, 0), settle);
            var l = await large.SendAsync(Request(i, 1), settle);
            cpuSmall.Add(s.CpuMs * 1000 / s.Words);
            cpuLarge.Add(l.CpuMs * 1000 / l.Words);
        }
        figures.Add(Figure.Ratio("CPU per streamed word (µs), 500- ÷ 10-message session, chat only", cpuLarge, cpuSmall, 1.5, model.Model));
    }
    if (options.Runs("steering"))
    {
        // 5. Live steering: confirming a need or editing a concept → the regenerated answer's first token, through
        // ProfileState/CareActions → LiveSteering (its debounce included) → AnswerStreamer; compared with the plain send
        // of the same round. No target in issue #14: reported.
        await using var circuit = await app.OpenCircuitAsync(StudyFeatures.All);
        await circuit.SendAsync(Request(0, 2), settle);
        var (steered, sent) = (new List<double>(), new List<double>());
        for (var i = 1; i <= rounds; i++)
        {
            var send = await circuit.SendAsync(Request(i, 2), settle);
            var steer = await circuit.SteerAsync(i % 2 == 1 ? ConfirmANeedAsync : EditAConceptAsync, settle);
            if (!send.Complete || !steer.Complete) throw new InvalidOperationException("a turn or a regeneration did not complete");
            sent.Add(send.FirstTokenMs);
            steered.Add(steer.FirstTokenMs);
        }
        figures.Add(Figure.Ratio("live steering (confirm a need / edit a concept, alternately) → regenerated first token ÷ Send → first token", steered, sent, null, model.Model));
    }
}

if (options.Runs("single-slot"))
{
    // 2. A single-slot provider (one request at a time, FIFO, like Ollama with one slot): first token ÷ unqueued.
    await using var model = await FakeModelProcess.StartAsync(singleSlot);
    foreach (var mode in new[] { SchedulingMode.Parallel, SchedulingMode.Auto })
    {
        await using var app = await AppPath.StartAsync(model, mode);
        var (care, plain) = await SideBySideAsync(app, StudyFeatures.All, StudyFeatures.All & ~Panels());
        var label = mode == SchedulingMode.Auto
            ? "Auto = ChatFirst on loopback (the app); target ≤ 1.1 of #16, stricter than #14's 1.2"
            : "Parallel (as before, for comparison: no target)";
        figures.Add(Figure.Ratio($"single-slot provider, Scheduling {label}: CARE first token ÷ unqueued", care, plain, mode == SchedulingMode.Auto ? 1.1 : null, model.Model));
    }
}

if (options.Runs("cpu"))
{
    // 3. App CPU per message turn against a model that answers at once (its CPU is the child process's, not counted).
    // Honest per row: every row runs in an app of its own (its own embedding cache, nothing warmed by another row), the
    // model words each structured reply anew (FreshWording), the requests differ each round and the session grows.
    await using var model = await FakeModelProcess.StartAsync(instant);
    foreach (var (name, features, target) in new (string, StudyFeatures, double?)[]
             {
                 ("chat only (no panels, no curator)", StudyFeatures.ChatOnly, null),
                 ("chat + CARE panels (no curator)", StudyFeatures.All & ~StudyFeatures.Proposals, null),
                 ("everything on (panels, curator, as the app runs)", StudyFeatures.All, 50),
             })
    {
        await using var app = await AppPath.StartAsync(model, SchedulingMode.Parallel);
        await using var circuit = await app.OpenCircuitAsync(features);
        // Warm-up: a server that has run a while has its code at the final JIT tier (tiering recompiles on background
        // threads, counted as process CPU) and the MiniLM model loaded.
        for (var w = 0; w < 3; w++) await circuit.SendAsync(Request(w, 2), settle);
        var cpu = new List<double>();
        var before = app.Embeddings.Snapshot();
        for (var i = 1; i <= rounds; i++)
        {
            var turn = await circuit.SendAsync(Request(2 + i, 2), settle);
            if (!turn.Complete) throw new InvalidOperationException("a turn did not complete");
            cpu.Add(turn.CpuMs);
        }
        var after = app.Embeddings.Snapshot();
        figures.Add(Figure.Single($"app CPU per message turn (ms), {name}", cpu, target, model.Model));
        Console.WriteLine($"  MiniLM per turn: {(after.Calls - before.Calls) / (double)rounds:0.#} calls, {(after.Texts - before.Texts) / (double)rounds:0.#} sentences asked, " +
                          $"{(after.Encoded - before.Encoded) / (double)rounds:0.#} encoded in {(after.Encodes - before.Encodes) / (double)rounds:0.#} encodes, " +
                          $"{(after.Ms - before.Ms) / rounds:0} ms inside EmbedAsync (wall, waits included)");
    }
}

Console.WriteLine();
Console.WriteLine($"load average at end {Machine.LoadAverage()}");
Console.WriteLine("| figure | median [min–max] | target | |");
Console.WriteLine("|---|---|---|---|");
foreach (var f in figures) Console.WriteLine(f.Row());
var missed = figures.Where(f => f.Missed).ToList();
Console.WriteLine(missed.Count == 0 ? "All targets met." : $"{missed.Count} target(s) missed.");
return missed.Count == 0 ? 0 : 1;

async Task<(List<double> On, List<double> Off)> SideBySideAsync(AppPath app, StudyFeatures on, StudyFeatures off)
{
    await using var a = await app.OpenCircuitAsync(on);
    await using var b = await app.OpenCircuitAsync(off);
    await a.SendAsync(Request(0, 0), settle); // warm-up (JIT, connections, MiniLM)
    await b.SendAsync(Request(0, 1), settle);
    var (onMs, offMs) = (new List<double>(), new List<double>());
    for (var i = 1; i <= rounds; i++)
    {
        var x = await a.SendAsync(Request(i, 0), settle);
        var y = await b.SendAsync(Request(i, 1), settle);
        if (!x.Complete || !y.Complete) throw new InvalidOperationException("a turn did not complete");
        onMs.Add(x.FirstTokenMs);
        offMs.Add(y.FirstTokenMs);
    }
    return (onMs, offMs);
}

static async Task ConfirmANeedAsync(IServiceProvider services)
{
    var need = services.GetRequiredService<CareState>().Needs.FirstOrDefault(n => n.Status == NeedStatus.Proposed)
        ?? throw new InvalidOperationException("no proposed need to confirm");
    await services.GetRequiredService<CareActions>().ConfirmNeedAsync(need);
}

static async Task EditAConceptAsync(IServiceProvider services)
{
    var profile = services.GetRequiredService<ProfileState>();
    var concept = ConceptStore.Copy((await profile.CurrentAsync()).Concepts.First(c => c.Text.StartsWith("likes quiet", StringComparison.Ordinal)));
    concept.Text = concept.Text == "likes quiet places" ? "likes quiet, green places" : "likes quiet places";
    if (await profile.UpdateAsync(concept, "edit") is { } error) throw new InvalidOperationException(error);
}

static StudyFeatures Panels() => StudyFeatures.NeedsPanel | StudyFeatures.Solutions | StudyFeatures.TaskBreakdown;

/// <summary>One printed figure: a single measure or a ratio of two medians, each with its spread.</summary>
sealed record Figure(string Name, string Value, double Median, double? Target, FakeModel Model)
{
    public bool Missed => Target is { } t && !(Median <= t);

    public static Figure Single(string name, List<double> values, double? target, FakeModel model) =>
        Report(new Figure(name, Spread(values), Stats.Median(values), target, model));

    public static Figure Ratio(string name, List<double> numerator, List<double> denominator, double? target, FakeModel model)
    {
        var ratio = Stats.Median(numerator) / Stats.Median(denominator);
        return Report(new Figure(name, $"{Spread(numerator)} ÷ {Spread(denominator)} = **{ratio:0.00}**", ratio, target, model));
    }

    public string Row() => $"| {Name} ({Model}) | {Value} | {(Target is { } t ? $"≤ {t:0.##}" : "–")} | {(Target is null ? "" : Missed ? "✘ missed" : "✔")} |";

    private static string Spread(List<double> v) => $"{Stats.Median(v):0.#} [{v.Min():0.#}–{v.Max():0.#}]";

    private static Figure Report(Figure f)
    {
        Console.WriteLine($"{f.Name}: {f.Value} (target {(f.Target is { } t ? $"<= {t:0.##}" : "none")}){(f.Missed ? " MISSED" : "")}");
        return f;
    }
}

static class Stats
{
    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
