using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using PersonaExplorer.Ai;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.SteeringEval;

/// <summary>
/// dotnet run --project tests/PersonaExplorer.SteeringEval [-- --scenarios DIR] [--out DIR]
/// Reads the model settings like the app: the root appsettings.json, user secrets, then environment variables (Ai__Provider, …).
/// A real model is judged by a separate judge model: SteeringEval:Judge:* (same keys as Ai:*), e.g. SteeringEval__Judge__Model.
/// Prints the demo model's task understanding (families of the request set), the concept pairs with the parrot and deaf
/// controls, and the scenarios (prompt-assembly and behaviour checks apart). Exit code 0 when every target holds.
/// </summary>
internal static class EvalProgram
{
    public const double Target = 0.95;
    public const double ParrotCeiling = 0.20;

    public static async Task<int> Main(string[] args)
    {
        var scenarios = Arg(args, "--scenarios") ?? Path.Combine(AppContext.BaseDirectory, "scenarios");
        var output = Arg(args, "--out") ?? Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "steering-eval");
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddUserSecrets(typeof(AiOptions).Assembly, optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(AiOptions.Section).Get<AiOptions>() ?? new AiOptions();
        options.OfflineTokenDelayMs = 0;
        var validation = new AiOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            await Console.Error.WriteLineAsync($"Invalid Ai settings: {validation.FailureMessage}");
            return 2;
        }

        var files = Directory.Exists(scenarios) ? Directory.GetFiles(scenarios, "*.json").Order().ToList() : [];
        if (files.Count == 0)
        {
            await Console.Error.WriteLineAsync($"No scenarios in {scenarios}");
            return 2;
        }
        using var embedder = new MiniLmTextEmbedder();
        using var client = AiExtensions.CreateChatClient(options, [new ProfileCuratorOfflineResponder()], embedder);
        var model = AiExtensions.CreateModelInfo(options);
        using var judge = model.IsDemo ? null : Judge(configuration, options);
        if (!model.IsDemo && judge is null)
        {
            await Console.Error.WriteLineAsync("A real model needs a separate judge model: set SteeringEval:Judge:Provider/Model (or Deployment)/Endpoint/ApiKey to another model.");
            return 2;
        }

        var ok = true;
        var data = UnderstandingEvaluation.DataDirectory();
        var families = await UnderstandingEvaluation.RunFamiliesAsync(new OfflineUnderstanding(embedder), UnderstandingEvaluation.LoadRequests(data));
        var familyRate = UnderstandingEvaluation.RateOf(families, f => f.Passed);
        Console.WriteLine($"Offline demo model — task family of {families.Count} requests: {familyRate} (target {Target:P0})");
        foreach (var f in families.Where(f => !f.Passed))
            Console.WriteLine($"  MISS  expected {f.Case.Family ?? "not sure"}, got {f.Got ?? "not sure"} ({f.Score:F2}): {f.Case.Request}");
        ok &= familyRate.Value >= Target;

        var pairs = UnderstandingEvaluation.LoadPairs(data);
        var pairResults = await UnderstandingEvaluation.RunPairsAsync(client, pairs);
        var steered = UnderstandingEvaluation.RateOf(pairResults, p => p.Passed);
        var parrot = UnderstandingEvaluation.RateOf(await UnderstandingEvaluation.RunPairsAsync(new ParrotChatClient(), pairs), p => p.Passed);
        using var deafClient = new DeafChatClient(client);
        var deaf = UnderstandingEvaluation.RateOf(await UnderstandingEvaluation.RunPairsAsync(deafClient, pairs), p => p.Passed);
        Console.WriteLine($"Concept pairs ({pairs.Count}, {pairs.Select(p => p.Family).Distinct().Count()} concept families) — suggestions move the intended way:");
        Console.WriteLine($"  {model.BadgeText}: {steered}{(model.IsDemo ? $" (target {Target:P0})" : "")}");
        foreach (var p in pairResults.Where(p => !p.Passed))
            Console.WriteLine($"    MISS  {p.Pair.Concept} + {p.Pair.Request}: toward {p.TowardBefore}→{p.TowardAfter}, away {p.AwayBefore}→{p.AwayAfter}");
        Console.WriteLine($"  parrot control (repeats the concepts): {parrot} (must be ≤ {ParrotCeiling:P0})");
        Console.WriteLine($"  deaf control (never sees the profile): {deaf} (must be 0%)");
        ok &= (!model.IsDemo || steered.Value >= Target) && parrot.Value <= ParrotCeiling && deaf.Passed == 0;

        Console.WriteLine($"Steering evaluation: {files.Count} scenarios against {model.BadgeText}");
        var report = await new SteeringEvaluation(client, model, judge).RunAsync(files.Select(Scenario.Load));
        foreach (var s in report.Scenarios)
            Console.WriteLine($"  {(s.Passed ? "PASS" : "FAIL")}  {s.Name}{(s.Error is null ? "" : $" ({s.Error})")}");
        var (md, json) = SteeringEvaluation.Write(report, output);
        Console.WriteLine($"{report.ScenariosPassed}/{report.Scenarios.Count} scenarios; prompt-assembly checks {report.PromptChecks}; behaviour checks {report.BehaviourChecks}");
        Console.WriteLine($"Report: {md}");
        Console.WriteLine($"Report: {json}");
        return ok && report.AllPassed ? 0 : 1;
    }

    /// <summary>The judge model: its own settings, never the model under test.</summary>
    private static IChatClient? Judge(IConfiguration configuration, AiOptions tested)
    {
        var section = configuration.GetSection("SteeringEval:Judge");
        if (!section.Exists()) return null;
        var judge = section.Get<AiOptions>() ?? new AiOptions();
        var same = judge.Provider == tested.Provider && judge.Endpoint == tested.Endpoint && (judge.Model ?? judge.Deployment) == (tested.Model ?? tested.Deployment);
        return judge.Provider == AiProvider.Offline || same || new AiOptionsValidator().Validate(null, judge).Failed ? null : AiExtensions.CreateChatClient(judge);
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
