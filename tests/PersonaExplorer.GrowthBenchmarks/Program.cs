using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.GrowthBenchmarks;

// Growth benchmark: does storage grow linearly, and does a turn's prompt stay within its budget? Through the app's own services
// (offline demo model, CARE panels and curator on, SQLite), it measures
//   1. database bytes per message for messages 1–50 vs 251–300 of one session (a message = one user message or answer),
//   2. database bytes per concept edit for edits 1–50 vs 451–500 (each edit adds a concept: the profile grows to 500),
//   3. input tokens of one turn at 20 messages and 30 concepts (chat + every agent request, counted with the tokenizer),
// writes them with the command line to RESULTS.md and exits 1 when a target is missed. Server memory per idle circuit is
// measured on real circuits by the browser mode of tests/PersonaExplorer.Benchmarks (-- --browser).
//   dotnet run -c Release --project tests/PersonaExplorer.GrowthBenchmarks -- [--results PATH]
var resultsPath = StringArg("--results") ?? Path.Combine(FindRepositoryRoot(), "tests", "PersonaExplorer.GrowthBenchmarks", "RESULTS.md");
#if DEBUG
const string configuration = "";
#else
const string configuration = " -c Release";
#endif
var commandLine = $"dotnet run{configuration} --project tests/PersonaExplorer.GrowthBenchmarks --" + string.Concat(args.Select(a => " " + a));
var machine = $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}";
Console.WriteLine($"PersonaExplorer growth benchmark — {machine}");
var rows = new List<(string What, string Measured, string Target, bool Met)>();
var clock = Stopwatch.StartNew();

// 1. Messages: 150 turns = 300 messages in one session.
double messageRatio;
await using (var host = await GrowthHost.StartAsync())
{
    await using var circuit = host.Circuit();
    var explore = circuit.ServiceProvider.GetRequiredService<ExploreState>();
    var sizes = new List<long> { host.DatabaseBytes() };
    for (var turn = 1; turn <= 150; turn++)
    {
        await GrowthHost.TurnAsync(explore, Request(turn));
        if (turn is 1 or 25 or 126 or 150 || turn % 25 == 0) Console.WriteLine($"  turn {turn}: {host.DatabaseBytes():N0} bytes ({clock.Elapsed.TotalSeconds:0} s)");
        sizes.Add(host.DatabaseBytes());
    }
    await Task.Delay(1000); // the last curator runs in the background
    // sizes[t] = bytes after turn t; messages 1–50 are turns 1–25, messages 251–300 are turns 126–150.
    var early = (sizes[25] - sizes[0]) / 50.0;
    var late = (sizes[150] - sizes[125]) / 50.0;
    messageRatio = late / early;
    rows.Add(("DB bytes per message, messages 1–50", $"{early:N0}", "", true));
    rows.Add(("DB bytes per message, messages 251–300", $"{late:N0}", "", true));
    rows.Add(("ratio (251–300 ÷ 1–50)", $"{messageRatio:0.00}", "≤ 1.30", messageRatio <= 1.3));
}

// 2. Concept edits: 500 additions to one profile, each versioned as in the drawer.
await using (var host = await GrowthHost.StartAsync())
{
    await using var circuit = host.Circuit();
    var store = circuit.ServiceProvider.GetRequiredService<ProfileStore>();
    var profile = await store.GetActiveAsync();
    var sizes = new List<long> { host.DatabaseBytes() };
    for (var edit = 1; edit <= 500; edit++)
    {
        await circuit.ServiceProvider.GetRequiredService<ConceptStore>().AddAsync(profile.Id, $"concept number {edit}: prefers {Topics[edit % Topics.Length]}", "general", ConceptSource.Stated);
        sizes.Add(host.DatabaseBytes());
    }
    var early = (sizes[50] - sizes[0]) / 50.0;
    var late = (sizes[500] - sizes[450]) / 50.0;
    var ratio = late / early;
    rows.Add(("DB bytes per concept edit, edits 1–50", $"{early:N0}", "", true));
    rows.Add(("DB bytes per concept edit, edits 451–500", $"{late:N0}", "", true));
    rows.Add(("ratio (451–500 ÷ 1–50)", $"{ratio:0.00}", "≤ 1.30", ratio <= 1.3));
    Console.WriteLine($"  concept edits done ({clock.Elapsed.TotalSeconds:0} s)");
}

// 3. A session with 30 concepts; the 11th turn (at 20 messages) is the token sample.
await using (var host = await GrowthHost.StartAsync())
{
    await using (var circuit = host.Circuit())
    {
        var profiles = circuit.ServiceProvider.GetRequiredService<ProfileState>();
        foreach (var concept in PersonaExplorer.Tests.TestSupport.SampleProfiles.ThirtyConcepts) await profiles.AddAsync(concept, "general");
        var explore = circuit.ServiceProvider.GetRequiredService<ExploreState>();
        for (var turn = 1; turn <= 11; turn++)
        {
            if (turn == 11)
            {
                await Task.Delay(1500); // the previous turn's curator runs in the background: not this turn's cost
                host.Recorder.Clear();
            }
            await GrowthHost.TurnAsync(explore, Request(turn));
            if (turn == 11)
            {
                await Task.Delay(1500); // this turn's curator runs in the background after the answer: wait for it to finish
                var calls = host.Recorder.Requests.ToList();
                var input = calls.Sum(c => c.Input);
                var output = calls.Sum(c => c.Output);
                foreach (var c in calls) Console.WriteLine($"  {c.Kind,-16} in {c.Input,6:N0}  out {c.Output,5:N0}");
                rows.Add(($"input tokens per turn at 20 messages, 30 concepts ({calls.Count} requests)", $"{input:N0}", "≤ 15,000", input <= 15_000));
                rows.Add(("output tokens of that turn", $"{output:N0}", "", true));
                TokensPerTurn = (input, output);
            }
        }
    }
}

var failed = rows.Count(r => !r.Met);
var table = string.Join('\n', rows.Select(r => $"| {r.What} | {r.Measured} | {r.Target} | {(r.Target.Length == 0 ? "" : r.Met ? "met" : "MISSED")} |"));
var results = $"""
    # Growth benchmark results

    Command: `{commandLine}`

    Machine: {machine}. Offline demo model (no delay between tokens), CARE panels and curator on, SQLite. Took {clock.Elapsed.TotalMinutes:0.0} min.

    | Measure | Value | Target | |
    |---|---|---|---|
    {table}

    - A message is one stored chat message (a user message or an answer); 150 turns make 300. Bytes are the SQLite pages in use (page count minus free pages, after a WAL checkpoint).
    - A concept edit adds one concept through `ConceptStore` (a version is recorded each time), so the profile grows from 0 to 500 concepts.
    - Server memory per idle circuit holding a 50-message session (#11's target, ≤ 1 MB) is measured on real circuits — Chromium tabs
      on the real app, render tree and SignalR connection included — by `dotnet run -c Release --project tests/PersonaExplorer.Benchmarks -- --browser`
      (its RESULTS.md, "Browser-level figures"); the estimate from DI scopes that stood here left those out.
    - Tokens: every request of the 11th turn (at 20 messages, 30 concepts) counted with o200k_base on the messages and the JSON schema sent.
    """;
File.WriteAllText(resultsPath, results.Replace("\r\n", "\n") + "\n");
Console.WriteLine(results);
Console.WriteLine(failed == 0 ? "All targets met." : $"{failed} target(s) missed.");
return failed == 0 ? 0 : 1;

string Request(int turn) => Requests[turn % Requests.Length] + $" (question {turn})";

string? StringArg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "PersonaExplorer.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}

internal static partial class Program
{
    public static (int Input, int Output) TokensPerTurn { get; set; }

    private static readonly string[] Requests =
    [
        "Plan a 3-day trip to Lisbon", "Where should we eat on the first evening?", "What about a day trip to Sintra?",
        "Which neighbourhood is best for a hotel?", "How do we get from the airport to the centre?", "Suggest a rainy-day plan",
    ];

    private static readonly string[] Topics = ["trains", "quiet cafés", "museums", "street food", "hiking", "markets", "jazz", "gardens"];

}
