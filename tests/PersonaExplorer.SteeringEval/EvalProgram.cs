using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Features.Profiles;

namespace PersonaExplorer.SteeringEval;

/// <summary>
/// dotnet run --project tests/PersonaExplorer.SteeringEval [-- --scenarios DIR] [--out DIR]
/// Reads the model settings like the app: the root appsettings.json, user secrets, then environment variables (Ai__Provider, …).
/// Exit code 0 when every scenario passes.
/// </summary>
internal static class EvalProgram
{
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
        using var client = AiExtensions.CreateChatClient(options, [new ProfileCuratorOfflineResponder()]);
        var model = AiExtensions.CreateModelInfo(options);
        Console.WriteLine($"Steering evaluation: {files.Count} scenarios against {model.BadgeText}");
        var report = await new SteeringEvaluation(client, model).RunAsync(files.Select(Scenario.Load));
        foreach (var s in report.Scenarios)
            Console.WriteLine($"  {(s.Passed ? "PASS" : "FAIL")}  {s.Name}{(s.Error is null ? "" : $" ({s.Error})")}");
        var (md, json) = SteeringEvaluation.Write(report, output);
        Console.WriteLine($"{report.ScenariosPassed}/{report.Scenarios.Count} scenarios, {report.ChecksPassed}/{report.ChecksTotal} checks passed ({report.PassRate:P1})");
        Console.WriteLine($"Report: {md}");
        Console.WriteLine($"Report: {json}");
        return report.AllPassed ? 0 : 1;
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
