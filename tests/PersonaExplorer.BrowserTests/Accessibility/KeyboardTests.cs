using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests.Accessibility;

/// <summary>
/// The workspace works with the keyboard alone: Tab moves focus, Enter and Space act. Send, stop, confirm and reject
/// a need, pin a card, open the profile drawer and toggle a concept — no mouse click after the concept is set up.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture fixture, ITestOutputHelper output) : OwnHostBrowserTest(fixture, output)
{
    private const int MaxTabs = 250;

    // A slowish demo model, so an answer is still streaming when Stop is reached.
    protected override IReadOnlyDictionary<string, string?> HostSettings { get; } =
        new Dictionary<string, string?> { ["Ai:OfflineTokenDelayMs"] = "60" };

    [Fact]
    public Task Keyboard_alone_sends_stops_confirms_and_rejects_a_need_pins_a_card_opens_the_drawer_and_toggles_a_concept() => StepsAsync(async () =>
    {
        // Arrange (mouse allowed): one concept in the profile, drawer closed.
        await OpenAsync("/");
        await Ui.AddConceptAsync("prefers quiet places");
        await Ui.CloseProfileAsync();

        // Send with Enter in the message box, then Tab to Stop and press Enter while the answer streams.
        await TabToAsync(Ui.ChatInput);
        await Page.Keyboard.TypeAsync("Plan a two-week trip through Portugal with day-by-day details");
        await Expect(Ui.SendButton).ToBeEnabledAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Ui.UserMessages).ToHaveCountAsync(1);
        await Expect(Ui.StopButton).ToBeVisibleAsync();
        await TabToAsync(Ui.StopButton);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Ui.LastAssistant).ToHaveAttributeAsync("data-status", "cancelled");

        // Send with Tab to the Send button and Enter; let the whole turn finish and the panels fill.
        await TabToAsync(Ui.ChatInput);
        await Page.Keyboard.TypeAsync("Plan a relaxed weekend in Lisbon for two");
        await Expect(Ui.SendButton).ToBeEnabledAsync();
        await TabToAsync(Ui.SendButton);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Ui.AssistantMessages).ToHaveCountAsync(2);
        await Expect(Ui.LastAssistant).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 90_000 });
        await Expect(Ui.Page.GetByTestId("need-confirm").First).ToBeVisibleAsync();
        await Expect(Ui.SolutionCards.First).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=agent-status][data-state=running]")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await ScreenshotAsync("turn-complete");

        // Pin the first card with Space (before a need changes, which may redesign the cards).
        var cardId = await Ui.SolutionCards.First.GetAttributeAsync("data-card-id");
        var card = Page.Locator($"[data-testid=solution-card][data-card-id='{cardId}']");
        await TabToAsync(card.GetByTestId("solution-pin"));
        await Page.Keyboard.PressAsync("Space");
        await Expect(card).ToHaveAttributeAsync("data-pinned", "true");

        // Confirm one need with Enter, reject another with Space.
        var first = await Ui.NeedItems.Filter(new() { Has = Page.GetByTestId("need-confirm") }).First.GetAttributeAsync("data-need-id");
        var confirmed = Page.Locator($"[data-testid=need-item][data-need-id='{first}']");
        await TabToAsync(confirmed.GetByTestId("need-confirm"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(confirmed).ToHaveAttributeAsync("data-status", "confirmed");

        var second = await Page.Locator($"[data-testid=need-item]:not([data-need-id='{first}']):has([data-testid=need-reject])")
            .First.GetAttributeAsync("data-need-id");
        var rejected = Page.Locator($"[data-testid=need-item][data-need-id='{second}']");
        await TabToAsync(rejected.GetByTestId("need-reject"));
        await Page.Keyboard.PressAsync("Space");
        await Expect(rejected).ToHaveAttributeAsync("data-status", "rejected");

        // Open the profile drawer with Enter and switch the concept off with Space.
        await TabToAsync(Ui.ProfileOpen);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Ui.ProfileOpen).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(Ui.Drawer).ToBeInViewportAsync(new() { Ratio = 0.5f });
        var toggle = Ui.Drawer.Locator("[data-testid=concept-item]").Filter(new() { HasText = "prefers quiet places" })
            .Locator("input[type=checkbox]").First;
        await Expect(toggle).ToBeCheckedAsync();
        await TabToAsync(toggle);
        await Page.Keyboard.PressAsync("Space");
        await Expect(toggle).Not.ToBeCheckedAsync();
        await Expect(Ui.Drawer.GetByTestId("concept-item").Filter(new() { HasText = "prefers quiet places" })).ToHaveAttributeAsync("data-enabled", "false");
        await ScreenshotAsync("keyboard-done");
    });

    /// <summary>Presses Tab until <paramref name="target"/> (or an element inside it) has the focus; fails if it never does.</summary>
    private async Task TabToAsync(ILocator target)
    {
        await Expect(target).ToBeVisibleAsync();
        for (var presses = 0; presses < MaxTabs; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"))
            {
                Output.WriteLine($"focused {await target.EvaluateAsync<string>("e => e.outerHTML.slice(0, 120)")} after {presses} Tab(s)");
                return;
            }
            await Page.Keyboard.PressAsync("Tab");
        }
        var focused = await Page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'");
        Assert.Fail($"Tab never reached {target} in {MaxTabs} presses; focus is on {focused}");
    }
}
