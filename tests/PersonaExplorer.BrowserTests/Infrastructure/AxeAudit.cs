using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace PersonaExplorer.BrowserTests.Infrastructure;

/// <summary>
/// Runs axe-core on each page state a test reaches and collects the serious and critical violations, so one
/// failure message lists every page and rule at once. The page-structure rules (one main landmark, a level-one
/// heading, heading order, content inside landmarks) fail too, though axe rates them moderate; other minor and
/// moderate findings are printed, not failed.
/// </summary>
public sealed class AxeAudit(ITestOutputHelper output)
{
    private static readonly string[] Failing = ["serious", "critical"];
    private static readonly string[] StructureRules = ["landmark-one-main", "page-has-heading-one", "heading-order", "region", "landmark-unique"];
    private readonly List<string> _failures = [];

    public int PagesChecked { get; private set; }

    /// <summary>Checks the page as it is now; <paramref name="state"/> names it in the report ("/profiles empty").</summary>
    public async Task CheckAsync(IPage page, string state)
    {
        // Contrast is measured on what is painted: let fades (snackbars, drawers) finish; endless spinners are ignored.
        await page.WaitForFunctionAsync("""
            () => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)
            """, null, new() { Timeout = 10_000, PollingInterval = 100 });
        var result = await page.RunAxe();
        PagesChecked++;
        output.WriteLine($"axe {state}: {result.Violations.Length} violation kind(s), {result.Passes.Length} rule(s) passed");
        foreach (var violation in result.Violations)
        {
            var line = $"{state}: {violation.Impact} {violation.Id} — {violation.Help} ({violation.Nodes.Length} node(s)): " +
                       string.Join(" | ", violation.Nodes.Take(3).Select(n => $"{n.Target} {Shorten(n.Html)} [{Shorten(Why(n))}]"));
            output.WriteLine("  " + line);
            if (Failing.Contains(violation.Impact) || StructureRules.Contains(violation.Id)) _failures.Add(line);
        }
    }

    /// <summary>Fails with every serious/critical (or page-structure) violation found on any checked page.</summary>
    public void AssertNoSeriousViolations()
    {
        Assert.True(PagesChecked > 0, "No page was checked.");
        Assert.True(_failures.Count == 0,
            $"axe-core found {_failures.Count} serious/critical or page-structure violation kind(s) over {PagesChecked} page state(s):\n" + string.Join("\n", _failures));
    }

    private static string Why(AxeResultNode node) =>
        string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Distinct());

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
