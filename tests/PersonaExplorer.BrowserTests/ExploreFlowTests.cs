using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests;

/// <summary>The issue's flow: chat, add a concept, see it steer the answer, switch it off, reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExploreFlowTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Vegetarian = "prefers vegetarian food";

    [Fact]
    public Task Concept_steers_answers_and_the_session_survives_a_reload() => StepsAsync(async () =>
    {
        await OpenAsync("/");
        await Expect(Ui.ModelBadge).ToContainTextAsync("Offline demo model");
        await ScreenshotAsync("workspace-opened");

        // 1. A first answer streams, then completes.
        var lisbon = await Ui.AskAsync("Suggest restaurants for dinner in Lisbon");
        Output.WriteLine($"Lisbon answer statuses: {string.Join(" > ", lisbon.Statuses)}");
        Assert.Contains("streaming", lisbon.Statuses);
        Assert.Equal("complete", lisbon.Statuses[^1]);
        Assert.False(string.IsNullOrWhiteSpace(lisbon.Text), "the assistant answer is empty");
        await Expect(Page).ToHaveURLAsync(SessionUrl());
        await Expect(Ui.Sessions.First).ToBeAttachedAsync();
        await ScreenshotAsync("first-answer");

        // 2. A stated concept reaches the next answer.
        await Ui.AddConceptAsync(Vegetarian);
        await ScreenshotAsync("concept-added");
        await Ui.CloseProfileAsync();
        var porto = await Ui.AskAsync("Suggest restaurants for dinner in Porto");
        Assert.Contains("vegetarian", porto.Text, StringComparison.OrdinalIgnoreCase);
        await ScreenshotAsync("answer-with-concept");

        // 3. Switched off, it no longer does.
        await Ui.OpenProfileAsync();
        await Ui.SetConceptAsync(Vegetarian, on: false);
        await ScreenshotAsync("concept-off");
        await Ui.CloseProfileAsync();
        var plain = await Ui.AskAsync("Suggest restaurants for dinner in Porto");
        Assert.DoesNotContain("vegetarian", plain.Text, StringComparison.OrdinalIgnoreCase);
        await ScreenshotAsync("answer-without-concept");

        // 4. The conversation is persisted: a reload shows the same session and messages.
        var url = Page.Url;
        var count = await Ui.Messages.CountAsync();
        Assert.Equal(6, count);
        await ReloadAsync();
        Assert.Equal(url, Page.Url);
        await Expect(Page).ToHaveURLAsync(SessionUrl());
        await Expect(Ui.Messages).ToHaveCountAsync(count);
        await Expect(Page.Locator("[data-testid=chat-message][data-role=assistant]:not([data-status=complete])")).ToHaveCountAsync(0);
        await Expect(Ui.LastAssistant).ToHaveAttributeAsync("data-status", "complete");
        await Expect(Ui.LastAssistant).Not.ToContainTextAsync("vegetarian", new() { IgnoreCase = true });
        await ScreenshotAsync("after-reload");

        // 5. "New session" starts an empty chat.
        await Ui.NewSession.ClickAsync();
        await Expect(Ui.Messages).ToHaveCountAsync(0);
        await ScreenshotAsync("new-session");
    });
}
