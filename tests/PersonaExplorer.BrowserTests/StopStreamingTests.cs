using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests;

/// <summary>Stop cancels a streaming answer; the partial text is kept and persisted.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StopStreamingTests(BrowserFixture fixture, ITestOutputHelper output) : OwnHostBrowserTest(fixture, output)
{
    // Its own host (own database) with a slow demo model, so there is time to press Stop mid-answer.
    protected override IReadOnlyDictionary<string, string?> HostSettings { get; } =
        new Dictionary<string, string?> { ["Ai:OfflineTokenDelayMs"] = "80" };

    [Fact]
    public Task Stop_cancels_the_streaming_answer_and_keeps_the_partial_text() => StepsAsync(async () =>
    {
        await OpenAsync("/");
        await Ui.RecordStatusesAsync();
        await Ui.SendAsync("Plan a two-week trip through Portugal with day-by-day details");

        var streaming = Page.Locator("[data-testid=chat-message][data-role=assistant][data-status=streaming]");
        await Expect(streaming).ToHaveCountAsync(1);
        await Expect(streaming.GetByTestId("answer-text")).Not.ToBeEmptyAsync();
        await ScreenshotAsync("streaming");

        await Ui.StopButton.ClickAsync();
        await Expect(Ui.LastAssistant).ToHaveAttributeAsync("data-status", "cancelled");
        var partial = Normalize(await Workspace.AnswerTextAsync(Ui.LastAssistant));
        Output.WriteLine($"statuses: {string.Join(" > ", await Ui.RecordedStatusesAsync())}; partial text: {partial}");
        Assert.False(string.IsNullOrWhiteSpace(partial), "the cancelled answer lost its partial text");
        await ScreenshotAsync("cancelled");

        // The cancellation is persisted with the partial text.
        await Expect(Page).ToHaveURLAsync(SessionUrl());
        await ReloadAsync();
        await Expect(Ui.Messages).ToHaveCountAsync(2);
        await Expect(Ui.LastAssistant).ToHaveAttributeAsync("data-status", "cancelled");
        Assert.Equal(partial, Normalize(await Workspace.AnswerTextAsync(Ui.LastAssistant)));
        await ScreenshotAsync("cancelled-after-reload");
    });

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
