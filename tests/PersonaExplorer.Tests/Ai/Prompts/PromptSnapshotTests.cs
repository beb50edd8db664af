using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Profiles.Curator;

namespace PersonaExplorer.Tests.Ai.Prompts;

/// <summary>
/// Every prompt the app sends, rendered for one fixed turn and compared with an approved file under Approved/, so a prompt
/// change is a reviewed diff. On a difference the test fails with the first differing lines and writes NAME.received.txt
/// next to the approved file; approve by copying it over (or run with UPDATE_PROMPT_SNAPSHOTS=1).
/// </summary>
public class PromptSnapshotTests
{
    private static readonly AgentOptions Options = new();

    private static readonly AgentInput Input = new()
    {
        Conversation =
        [
            new ChatMessage(ChatRole.User, "Plan a 4-day trip to Lisbon with my two kids in May; we don't fly long-haul."),
            new ChatMessage(ChatRole.Assistant, "Here are three ways to spend four days in Lisbon with children: …"),
            new ChatMessage(ChatRole.User, "Keep it under 1500 € and add a beach day."),
        ],
        Context = new TurnContext([new("prefers vegetarian food", "diet", 0.8), new("dislikes long flights", "travel", -0.6), new("early riser", "schedule", 0.3)])
        {
            ConfirmedNeeds = ["Child-friendly activities"],
            PickedOptions = [new("Pace", "Slow mornings")],
            PinnedCards = [new("Belém by tram", "Tram 15 to Belém, pastries, the monastery garden.")],
            TurnedOff = ["likes nightlife"],
        },
        Needs =
        [
            new("Child-friendly activities", NeedKind.Implicit, NeedStatus.Confirmed, 1),
            new("Stay under 1500 €", NeedKind.Explicit, NeedStatus.Proposed, 2),
            new("Nightlife", NeedKind.Implicit, NeedStatus.Rejected),
        ],
        SubTasks = [new("Pace", ["Slow mornings", "Packed days"], ["Slow mornings"])],
        DiscardedCards = ["Porto day trip"],
    };

    private static readonly List<ProposedSolution> Cards =
    [
        new() { Title = "Belém by tram", Summary = "Tram 15, pastries, the monastery garden." },
        new() { Title = "Cascais beach day", Summary = "Train along the coast, a sandy beach for the kids." },
    ];

    public static TheoryData<string> Prompts() => new(Render.Keys);

    private static readonly Dictionary<string, Func<IReadOnlyList<ChatMessage>>> Render = new()
    {
        ["chat"] = () => ChatPrompt.Build(Input.Context, Input.Conversation),
        ["inquiry"] = () => InquiryAgent.BuildMessages(Input, Options),
        ["needs"] = () => NeedsAnalystAgent.BuildMessages(Input, Options),
        ["solutions"] = () => SolutionDesignerAgent.BuildMessages(Input, Options),
        ["ranker"] = () => RankerAgent.BuildMessages(Input, Cards, Options),
        ["planner"] = () => TaskPlannerAgent.BuildMessages(Input, Options),
        ["attribution"] = () => AttributionAgent.BuildMessages(["prefers vegetarian food", "dislikes long flights"], ["Child-friendly activities"], "Day 1: Belém by tram, vegetarian pastéis …"),
        ["curator"] = () => ProfileCurator.BuildMessages(
            new(PromptIds<Concept>.ConceptPrefix, [new Concept { Text = "prefers vegetarian food", Category = "diet" }, new Concept { Text = "dislikes long flights", Category = "travel" }]),
            Input.Conversation),
        ["text-builder"] = () => ProfileTextBuilder.BuildMessages("I don't eat meat and I'm on a tight budget.\nIch fahre lieber Zug als zu fliegen."),
    };

    [Theory]
    [MemberData(nameof(Prompts))]
    public void The_prompt_matches_its_approved_text(string name)
    {
        var received = string.Join("\n\n", Render[name]().Select(m => $"=== {m.Role.Value} ===\n{m.Text}")).ReplaceLineEndings("\n") + "\n";
        var approvedPath = Path.Combine(Folder(), "Approved", $"{name}.approved.txt");
        var receivedPath = Path.ChangeExtension(approvedPath, null).Replace(".approved", "") + ".received.txt";

        if (Environment.GetEnvironmentVariable("UPDATE_PROMPT_SNAPSHOTS") == "1")
            File.WriteAllText(approvedPath, received);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, received);
        Assert.Fail($"The {name} prompt changed (or has no approved file). Review the difference and approve it by copying {receivedPath} over {approvedPath}.\n{FirstDifference(approved, received)}");
    }

    private static string FirstDifference(string approved, string received)
    {
        var a = approved.Split('\n');
        var r = received.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, r.Length); i++)
        {
            var was = i < a.Length ? a[i] : "(end)";
            var now = i < r.Length ? r[i] : "(end)";
            if (was != now) return $"line {i + 1}\n- approved: {was}\n+ received: {now}";
        }
        return "";
    }

    private static string Folder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
