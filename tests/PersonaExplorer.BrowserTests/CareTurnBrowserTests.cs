using static Microsoft.Playwright.Assertions;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.BrowserTests;

/// <summary>
/// One full CARE turn against the real app and the offline demo model: needs with evidence, confirm / reject,
/// "Update solutions", pin, compare, a task-breakdown pick, the turn inspector, and a follow-up answer that uses it all.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CareTurnBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Request = "I want a relaxed weekend trip from Paris with my kids, under $800, no flights";

    // What the offline needs analyst finds in the request (NeedsOfflineResponder): an amount, kids, a weekend, a trip.
    private const string CostNeed = "Keep the cost under $800";
    private const string KidsNeed = "Child-friendly activities and a relaxed pace";
    private const string ItineraryNeed = "An itinerary that is easy to follow";
    // The card the offline designer builds on the confirmed kids need (the trip family's family option, SolutionsOfflineResponder).
    private const string CityBreak = "Family farm stay";

    private static readonly string[] PanelAgents = ["needs", "planner", "solutions", "ranker"];

    [Fact]
    public Task A_full_care_turn_confirms_needs_updates_pins_compares_picks_and_steers_the_follow_up() => StepsAsync(async () =>
    {
        await OpenAsync("/");
        await Expect(Ui.ModelBadge).ToContainTextAsync("Offline demo model");

        // 1. The request: an answer, and the panel agents finish.
        var (first, _) = await Ui.AskAsync(Request);
        Assert.Contains("trip ideas", first);
        await Expect(Page).ToHaveURLAsync(SessionUrl());
        await ExpectAgentsDoneAsync();
        await ScreenshotAsync("turn-done");

        // 2. Needs appear, stated and inferred, all proposed, each with its evidence quote on hover.
        await Expect(Ui.Need(CostNeed)).ToHaveAttributeAsync("data-kind", "explicit");
        await Expect(Ui.Need(KidsNeed)).ToHaveAttributeAsync("data-kind", "implicit");
        await Expect(Ui.Need(ItineraryNeed)).ToHaveAttributeAsync("data-kind", "implicit");
        await Expect(Ui.NeedItems).Not.ToHaveCountAsync(0);
        foreach (var status in await Ui.NeedItems.EvaluateAllAsync<string[]>("items => items.map(i => i.getAttribute('data-status'))"))
            Assert.Equal("proposed", status);

        await Ui.Need(KidsNeed).GetByTestId("need-statement").HoverAsync();
        // The evidence is the user's own sentence that implies the need (MudTooltip renders no ARIA role: found by text).
        var tooltip = Page.GetByText("Evidence: “" + Request + "”");
        await Expect(tooltip).ToBeVisibleAsync();
        await Expect(tooltip).ToContainTextAsync("confidence");
        await ScreenshotAsync("need-evidence");

        // 3. Confirm one need, reject another.
        await Ui.Need(KidsNeed).GetByTestId("need-confirm").ClickAsync();
        await Expect(Ui.Need(KidsNeed)).ToHaveAttributeAsync("data-status", "confirmed");
        await Ui.Need(ItineraryNeed).GetByTestId("need-reject").ClickAsync();
        await Expect(Ui.Need(ItineraryNeed)).ToHaveAttributeAsync("data-status", "rejected");
        await Expect(Ui.Need(ItineraryNeed).GetByTestId("need-confirm")).ToBeVisibleAsync();
        await Expect(Ui.Need(ItineraryNeed).GetByTestId("need-reject")).ToHaveCountAsync(0);
        await Expect(Ui.Need(CostNeed)).ToHaveAttributeAsync("data-status", "proposed");
        await ScreenshotAsync("needs-confirmed-and-rejected");

        // Before the update, the first turn's cards still list the need that is now rejected.
        await Expect(Ui.SolutionCards).Not.ToHaveCountAsync(0);
        await Expect(Ui.SolutionsPanel).ToContainTextAsync(ItineraryNeed);
        var cardIdsBefore = await CardIdsAsync();

        // 4. "Update solutions": a new design built on the confirmed need, without the rejected one.
        await Ui.UpdateSolutions.ClickAsync();
        foreach (var id in cardIdsBefore)
            await Expect(Page.Locator($"[data-testid=solution-card][data-card-id='{id}']")).ToHaveCountAsync(0);
        await Expect(Ui.SolutionCards).ToHaveCountAsync(3);
        await ExpectAgentsDoneAsync();
        await Expect(Ui.SolutionsPanel).Not.ToContainTextAsync(ItineraryNeed);
        var cityBreak = Ui.Card(CityBreak);
        await Expect(cityBreak.GetByTestId("solution-meets")).ToContainTextAsync(KidsNeed);
        await Expect(cityBreak.GetByTestId("solution-meets")).ToContainTextAsync(CostNeed);
        await ScreenshotAsync("solutions-updated");

        // 5. Pin a card: it is marked and moves to the top.
        await cityBreak.GetByTestId("solution-pin").ClickAsync();
        await Expect(cityBreak).ToHaveAttributeAsync("data-pinned", "true");
        await Expect(Ui.SolutionCards.First).ToHaveAttributeAsync("data-pinned", "true");
        await Expect(Ui.SolutionCards.First.GetByTestId("solution-title")).ToHaveTextAsync(CityBreak);
        await Expect(Page.Locator("[data-testid=solution-card][data-pinned=true]")).ToHaveCountAsync(1);
        await ScreenshotAsync("card-pinned");

        // 6. Compare two cards: a dialog shows both side by side.
        var other = Ui.SolutionCards.Nth(1);
        var otherTitle = (await other.GetByTestId("solution-title").InnerTextAsync()).Trim();
        Assert.NotEqual(CityBreak, otherTitle);
        await cityBreak.GetByTestId("solution-compare").ClickAsync();
        await Expect(cityBreak.GetByTestId("solution-compare")).ToHaveAttributeAsync("aria-pressed", "true");
        await Ui.Card(otherTitle).GetByTestId("solution-compare").ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "Compare solutions" });
        await Expect(dialog).ToBeVisibleAsync();
        var columns = dialog.Locator(".mud-grid-item");
        await Expect(columns).ToHaveCountAsync(2);
        await Expect(columns.Nth(0)).ToContainTextAsync(CityBreak);
        await Expect(columns.Nth(0)).ToContainTextAsync(KidsNeed);
        await Expect(columns.Nth(1)).ToContainTextAsync(otherTitle);
        // Both boxes in one frame (the dialog may still be animating in): same row, the second to the right of the first.
        var boxes = await columns.EvaluateAllAsync<double[][]>(
            "items => items.map(i => { const r = i.getBoundingClientRect(); return [r.left, r.top, r.width]; })");
        Assert.True(Math.Abs(boxes[0][1] - boxes[1][1]) < 1 && boxes[1][0] >= boxes[0][0] + boxes[0][2] - 1,
            $"the two cards are not side by side: {string.Join(" / ", boxes.Select(b => string.Join(",", b)))}");
        await ScreenshotAsync("compare-dialog");
        await dialog.GetByTestId("dialog-close").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        // 7. Pick an option of the task breakdown.
        var relaxed = Ui.SubTaskOption("Pace", "Relaxed");
        await Expect(relaxed).ToHaveAttributeAsync("data-selected", "false");
        await relaxed.ClickAsync();
        await Expect(relaxed).ToHaveAttributeAsync("data-selected", "true");
        await Expect(Page.Locator("[data-testid=subtask-option][data-selected=true]")).ToHaveCountAsync(1);
        await ScreenshotAsync("option-picked");

        // 8. The turn inspector: each agent's call, and the next answer's prompt with the confirmed need, pick and pin.
        await Page.GetByTestId("turn-inspector-open").ClickAsync();
        var inspector = Page.GetByTestId("turn-inspector");
        await Expect(inspector).ToBeVisibleAsync();
        foreach (var agent in new[] { "needs", "planner", "solutions" })
            await Expect(inspector.Locator($"[data-testid=turn-inspector-call][data-agent={agent}]")).Not.ToHaveCountAsync(0);
        var prompt = inspector.GetByTestId("prompt-inspector");
        await Expect(prompt).ToContainTextAsync(KidsNeed);
        await Expect(prompt).ToContainTextAsync("Pace: Relaxed");
        await Expect(prompt).ToContainTextAsync(CityBreak);
        await Expect(prompt).Not.ToContainTextAsync(ItineraryNeed);
        await ScreenshotAsync("turn-inspector");
        await inspector.Locator("xpath=ancestor::*[@role='dialog']").GetByTestId("dialog-close").ClickAsync();
        await Expect(inspector).ToHaveCountAsync(0);

        // 9. A follow-up: its answer follows the confirmed need, and its prompt carries the pick and the pinned card.
        var (followUp, _) = await Ui.AskAsync("Which of these would work best for us?");
        Assert.Contains($"{KidsNeed} (confirmed need)", followUp);
        Assert.DoesNotContain(ItineraryNeed, followUp);
        await ExpectAgentsDoneAsync();
        // The new turn keeps the person's choices: the pick, the pinned card and the need statuses survive it.
        await Expect(relaxed).ToHaveAttributeAsync("data-selected", "true");
        await Expect(cityBreak).ToHaveAttributeAsync("data-pinned", "true");
        await Expect(Ui.Need(KidsNeed)).ToHaveAttributeAsync("data-status", "confirmed");
        await Expect(Ui.Need(ItineraryNeed)).ToHaveAttributeAsync("data-status", "rejected");
        await ScreenshotAsync("follow-up-answer");

        await Ui.LastAssistant.GetByTestId("why-this").ClickAsync();
        var why = Page.GetByTestId("why-this-dialog");
        var whyPrompt = Page.GetByTestId("why-this-prompt");
        await whyPrompt.ClickAsync();
        await Expect(whyPrompt).ToContainTextAsync("Pace: Relaxed");
        await Expect(whyPrompt).ToContainTextAsync(KidsNeed);
        await Expect(whyPrompt).ToContainTextAsync(CityBreak);
        await ScreenshotAsync("why-this-prompt");
        await Page.GetByTestId("why-this-close").ClickAsync();
        await Expect(why).ToHaveCountAsync(0);
    });

    private async Task ExpectAgentsDoneAsync()
    {
        foreach (var agent in PanelAgents)
            await Expect(Ui.AgentStatus(agent)).ToHaveAttributeAsync("data-state", "done");
    }

    private async Task<string> CardIdsAsync() =>
        string.Join(",", await Ui.SolutionCards.EvaluateAllAsync<string[]>("cards => cards.map(c => c.getAttribute('data-card-id'))"));
}
