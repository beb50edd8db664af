using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Ai;
using PersonaExplorer.SteeringEval;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.Ai;

public class SteeringEvalTests
{
    private static IReadOnlyList<Scenario> Scenarios()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "scenarios");
        if (!Directory.Exists(dir))
        {
            // Fallback: the repository copy (tests/PersonaExplorer.SteeringEval/scenarios).
            var d = new DirectoryInfo(AppContext.BaseDirectory);
            while (d is not null && !File.Exists(Path.Combine(d.FullName, "PersonaExplorer.sln"))) d = d.Parent;
            dir = Path.Combine(d!.FullName, "tests", "PersonaExplorer.SteeringEval", "scenarios");
        }
        return Directory.GetFiles(dir, "*.json").Order().Select(Scenario.Load).ToList();
    }

    [Fact]
    public async Task Every_scenario_passes_with_the_offline_model()
    {
        using var client = new OfflineDemoChatClient(SharedEmbedder.MiniLm);
        var scenarios = Scenarios();
        Assert.True(scenarios.Count >= 6);

        var report = await new SteeringEvaluation(client, ModelInfo.Offline).RunAsync(scenarios);

        var failures = report.Scenarios.SelectMany(s => s.Steps.SelectMany(st => st.Checks.Where(c => !c.Passed).Select(c => $"{s.Name}: {c.Name} ({c.Reason})")))
            .Concat(report.Scenarios.Where(s => s.Error is not null).Select(s => $"{s.Name}: {s.Error}"));
        Assert.True(report.AllPassed, string.Join("\n", failures));
        Assert.Equal(1.0, report.PassRate);
        Assert.True(report.ChecksTotal > 20);

        var dir = Path.Combine(Path.GetTempPath(), $"steering-eval-{Guid.NewGuid():N}");
        var (md, json) = SteeringEvaluation.Write(report, dir);
        Assert.Contains("Checks passed:", File.ReadAllText(md));
        Assert.Contains("\"allPassed\": true", File.ReadAllText(json));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task A_model_that_ignores_the_profile_fails_the_evaluation()
    {
        var deaf = new ScriptedChatClient((_, _) => "Here are some generic ideas.");
        var report = await new SteeringEvaluation(deaf, ModelInfo.Offline).RunAsync(Scenarios());

        Assert.False(report.AllPassed);
        Assert.Contains(report.Scenarios.SelectMany(s => s.Steps).SelectMany(s => s.Checks), c => !c.Passed && c.Name.StartsWith("reflected:"));
    }

    [Fact]
    public async Task A_real_model_is_judged_by_an_LLM_judge()
    {
        var model = new ModelInfo(AiProvider.OpenAI, "gpt-test", IsDemo: false, IsLocal: false);
        var answerer = new ScriptedChatClient((_, _) => "Try Green Table, an all-vegetarian place.");
        var judge = new ScriptedChatClient((messages, _) =>
        {
            var preference = PromptFence.Read(messages[0].Text, "preference")[0].Text;
            return preference.Contains("vegetarian") ? """{"follows":true,"reason":"suggests a vegetarian place"}""" : """{"follows":false,"reason":"not mentioned"}""";
        });

        var result = await new SteeringEvaluation(answerer, model, judge).RunScenarioAsync(Scenario.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", "02-private-cloud.json")));

        Assert.True(result.Passed, string.Join("; ", result.Steps.SelectMany(s => s.Checks).Select(c => $"{c.Name}={c.Passed} {c.Reason}")));
        Assert.Equal(2, judge.Calls.Count);
        Assert.Contains(result.Steps[0].Checks, c => c.Name == "withheld: allergic to peanuts" && c.Passed);
    }
}
