using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Profiles.Versions;
using PersonaExplorer.Features.Profiles.Steering;

namespace PersonaExplorer.SteeringEval;

/// <param name="Kind">"prompt" (what was sent: prompt assembly) or "behaviour" (what the model did with it).</param>
public sealed record CheckResult(string Name, bool Passed, string Reason, string Kind = "behaviour");
public sealed record StepResult(string Request, IReadOnlyList<string> SentConcepts, string Answer, IReadOnlyList<CheckResult> Checks);
public sealed record ScenarioResult(string Name, string? Description, bool Passed, IReadOnlyList<StepResult> Steps, string? Error);

public sealed record EvalReport(string Model, bool ExactChecks, DateTimeOffset StartedUtc, IReadOnlyList<ScenarioResult> Scenarios)
{
    public int ChecksTotal => Scenarios.Sum(s => s.Steps.Sum(st => st.Checks.Count));
    public int ChecksPassed => Scenarios.Sum(s => s.Steps.Sum(st => st.Checks.Count(c => c.Passed)));
    public int ScenariosPassed => Scenarios.Count(s => s.Passed);
    public double PassRate => ChecksTotal == 0 ? 0 : (double)ChecksPassed / ChecksTotal;
    public Rate PromptChecks => Of("prompt");
    public Rate BehaviourChecks => Of("behaviour");

    private Rate Of(string kind)
    {
        var checks = Scenarios.SelectMany(s => s.Steps.SelectMany(st => st.Checks)).Where(c => c.Kind == kind).ToList();
        return new Rate(checks.Count(c => c.Passed), checks.Count);
    }
    public bool AllPassed => Scenarios.Count > 0 && Scenarios.All(s => s.Passed);
}

/// <summary>
/// Replays scenarios against a model: builds each prompt exactly like the app (the same privacy rule and
/// <see cref="ChatPrompt"/>), checks what was sent (enabled concepts in, disabled/withheld ones out), and evaluates the
/// answer: exact checks for the offline demo model, an LLM judge (Microsoft.Extensions.AI.Evaluation) for a real one.
/// The judge of a real model is a separate model: a model does not grade its own answers.
/// </summary>
public sealed class SteeringEvaluation(IChatClient client, ModelInfo model, IChatClient? judge = null)
{
    public bool ExactChecks => model.IsDemo;

    /// <summary>Low temperature and a fixed seed (Ai:Calls:Steering): a before/after difference is the concept's, not sampling noise.</summary>
    private static ChatOptions Reproducible() => new AiOptions().Calls.Options(PersonaExplorer.Ai.Structured.CallKind.Steering);

    public async Task<EvalReport> RunAsync(IEnumerable<Scenario> scenarios, CancellationToken ct = default)
    {
        var started = DateTimeOffset.UtcNow;
        var results = new List<ScenarioResult>();
        foreach (var s in scenarios) results.Add(await RunScenarioAsync(s, ct));
        return new EvalReport(model.BadgeText, ExactChecks, started, results);
    }

    public async Task<ScenarioResult> RunScenarioAsync(Scenario scenario, CancellationToken ct = default)
    {
        var effective = scenario.TreatModelAs.ToLowerInvariant() switch
        {
            "cloud" => model with { IsLocal = false },
            "local" => model with { IsLocal = true },
            _ => model,
        };
        var concepts = scenario.Concepts.Select((c, i) => Snapshot(c, i)).ToList();
        var steps = new List<StepResult>();
        IEvaluator evaluator = ExactChecks ? new ExactSteeringEvaluator() : new JudgeSteeringEvaluator();
        var config = ExactChecks ? null : new ChatConfiguration(judge ?? throw new InvalidOperationException("A real model is judged by a separate judge model; none was given."));
        try
        {
            foreach (var step in scenario.Steps)
            {
                if (step.Edit is { } edit) concepts = Apply(concepts, edit);
                if (string.IsNullOrWhiteSpace(step.Request)) continue;
                var expect = step.Expect ?? new Expectation();
                var sent = SteeringConcepts.SelectPromptConcepts(concepts, null, effective);
                var messages = ChatPrompt.Build(SteeringContextBuilder.ForConcepts(sent), [new ChatMessage(ChatRole.User, step.Request)]);
                var response = await client.GetResponseAsync(messages, Reproducible(), ct);

                var checks = new List<CheckResult>();
                var sentTexts = sent.Select(c => c.Text).ToHashSet();
                foreach (var r in expect.Reflected)
                    checks.Add(new($"sent: {r}", sentTexts.Contains(r), sentTexts.Contains(r) ? "in the fenced profile" : "not in the prompt", "prompt"));
                foreach (var a in expect.Absent)
                    checks.Add(new($"withheld: {a}", !sentTexts.Contains(a), sentTexts.Contains(a) ? "was sent to the model" : "not in the prompt", "prompt"));
                var baselines = new Dictionary<string, string>();
                if (ExactChecks)
                    foreach (var r in expect.Reflected)
                    {
                        var without = ChatPrompt.Build(new TurnContext(sent.Where(c => c.Text != r).ToList()), [new ChatMessage(ChatRole.User, step.Request)]);
                        baselines[r] = (await client.GetResponseAsync(without, Reproducible(), ct)).Text;
                    }
                var evaluation = await evaluator.EvaluateAsync(messages, response, config, [new SteeringExpectations(ExactChecks ? expect : new Expectation { Reflected = expect.Reflected, Absent = expect.Absent }, baselines)], ct);
                foreach (var m in evaluation.Metrics.Values)
                    checks.Add(new(m.Name, m.Interpretation is { Failed: false }, m.Reason ?? ""));
                steps.Add(new StepResult(step.Request, sent.Select(c => c.Text).ToList(), response.Text, checks));
            }
            return new ScenarioResult(scenario.Name, scenario.Description, steps.All(s => s.Checks.All(c => c.Passed)), steps, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ScenarioResult(scenario.Name, scenario.Description, false, steps, ex.Message);
        }
    }

    private static ConceptSnapshot Snapshot(ScenarioConcept c, int order) =>
        new(Guid.NewGuid(), c.Text, c.Category, c.Weight, c.Enabled, ConceptSource.Stated, null, c.Private, null, order);

    private static List<ConceptSnapshot> Apply(List<ConceptSnapshot> concepts, ScenarioEdit edit)
    {
        var list = concepts.ToList();
        if (edit.Add is { } add) list.Add(Snapshot(add, list.Count));
        if (edit.Remove is { } remove) list.RemoveAll(c => c.Text == remove);
        if (edit.Concept is { } target)
        {
            var i = list.FindIndex(c => c.Text == target);
            if (i < 0) throw new InvalidDataException($"Edit of unknown concept '{target}'.");
            var c = list[i];
            list[i] = c with
            {
                Text = edit.Text ?? c.Text,
                Enabled = edit.Enabled ?? c.Enabled,
                Weight = edit.Weight ?? c.Weight,
                IsPrivate = edit.Private ?? c.IsPrivate,
            };
        }
        return list;
    }

    public static (string MarkdownPath, string JsonPath) Write(EvalReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "steering-eval.json");
        var md = Path.Combine(directory, "steering-eval.md");
        File.WriteAllText(json, JsonSerializer.Serialize(new
        {
            report.Model, report.ExactChecks, report.StartedUtc, report.ScenariosPassed, scenarios = report.Scenarios.Count,
            report.ChecksPassed, report.ChecksTotal, report.PassRate, report.AllPassed, results = report.Scenarios,
        }, Scenario.Json));
        File.WriteAllText(md, Markdown(report));
        return (md, json);
    }

    public static string Markdown(EvalReport report)
    {
        var sb = new StringBuilder();
        sb.Append("# Steering-fidelity evaluation\n\n");
        sb.Append($"- Model: {report.Model} ({(report.ExactChecks ? "exact checks" : "LLM judge")})\n");
        sb.Append($"- Started: {report.StartedUtc:u}\n");
        sb.Append($"- Scenarios passed: {report.ScenariosPassed}/{report.Scenarios.Count}\n");
        sb.Append($"- Checks passed: {report.ChecksPassed}/{report.ChecksTotal} ({report.PassRate:P1})\n");
        sb.Append($"- Prompt-assembly checks (what was sent): {report.PromptChecks}\n");
        sb.Append($"- Behaviour checks (what the model did): {report.BehaviourChecks}\n\n");
        foreach (var s in report.Scenarios)
        {
            sb.Append($"## {(s.Passed ? "PASS" : "FAIL")} — {s.Name}\n\n");
            if (s.Description is not null) sb.Append(s.Description).Append("\n\n");
            if (s.Error is not null) sb.Append($"**Error:** {s.Error}\n\n");
            foreach (var st in s.Steps)
            {
                sb.Append($"**Request:** {st.Request}  \n**Sent concepts:** {(st.SentConcepts.Count == 0 ? "none" : string.Join(", ", st.SentConcepts.Select(c => $"`{c}`")))}\n\n");
                sb.Append("| check | result | reason |\n|---|---|---|\n");
                foreach (var c in st.Checks)
                    sb.Append($"| {Cell(c.Name)} | {(c.Passed ? "pass" : "**FAIL**")} | {Cell(c.Reason)} |\n");
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    private static string Cell(string s) => s.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
}
