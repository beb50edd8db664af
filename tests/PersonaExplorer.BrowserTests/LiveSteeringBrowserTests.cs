using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests;

/// <summary>Editing the profile rewrites the last answer live, with a word-level diff and a choice of version.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveSteeringBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Adding_a_concept_rewrites_the_answer_shows_the_diff_and_keeps_the_chosen_version() => StepsAsync(async () =>
    {
        await OpenAsync("/");
        var (before, _) = await Ui.AskAsync("Suggest restaurants for dinner in Porto");
        Assert.DoesNotContain("vegetarian", before);

        await Ui.OpenProfileAsync();
        await Ui.AddConceptAsync("prefers vegetarian food");

        var diff = Page.GetByTestId("answer-diff");
        await Expect(diff).ToBeVisibleAsync();
        await Expect(diff.GetByTestId("answer-diff-text").Locator(".diff-added")).Not.ToHaveCountAsync(0);
        var after = await Workspace.AnswerTextAsync(Ui.LastAssistant);
        Assert.Contains("vegetarian", after);
        await ScreenshotAsync("answer-diff");

        await Page.GetByTestId("keep-before").ClickAsync();
        await Expect(diff).ToHaveCountAsync(0);
        Assert.DoesNotContain("vegetarian", await Workspace.AnswerTextAsync(Ui.LastAssistant));

        // The choice is stored: after a reload the kept (original) answer is the one shown.
        await ReloadAsync();
        await Expect(Ui.AssistantMessages).ToHaveCountAsync(1);
        Assert.DoesNotContain("vegetarian", await Workspace.AnswerTextAsync(Ui.LastAssistant));
    });

    [Fact]
    public Task A_paste_larger_than_the_circuit_accepts_is_refused_with_a_message_and_the_session_keeps_working() => StepsAsync(async () =>
    {
        await OpenAsync("/");
        var input = Ui.ChatInput;
        await input.FocusAsync();
        // ~2 MB of text: more than the SignalR receive limit; pasting it must not kill the circuit.
        await Page.EvaluateAsync("""
            () => {
              const field = document.querySelector('[data-testid=chat-input]');
              const data = new DataTransfer();
              data.setData('text/plain', 'x'.repeat(2_000_000));
              field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """);
        await Expect(Page.GetByText("2,000,000 characters")).ToBeVisibleAsync();
        await ScreenshotAsync("paste-refused");

        // A message just over the limit (but within what the circuit carries) gets a clear reason and cannot be sent.
        await input.FillAsync(new string('y', 8001));
        await Expect(Page.GetByText("the limit is 8,000")).ToBeVisibleAsync();
        await Expect(Ui.SendButton).ToBeDisabledAsync();

        // The circuit is alive: a normal message still gets an answer.
        var (answer, _) = await Ui.AskAsync("Help me choose a laptop for studying");
        Assert.False(string.IsNullOrWhiteSpace(answer));
    });
}
