using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PersonaExplorer.BrowserTests;

/// <summary>A 300-message session opens at its end with a screenful of messages; scrolling up reaches the first; a new message shows at the bottom.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LongSessionBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_long_session_renders_what_is_in_view_scrolls_up_to_its_first_message_and_sends_at_the_bottom() => StepsAsync(async () =>
    {
        var (session, first, last) = await SeedAsync(300);
        var messages = Page.GetByTestId("chat-messages");
        await OpenAsync("/"); // the workspace as everyone starts it (a fresh host compiles its pages on this first visit)

        await Page.GetByTestId("session-item").Filter(new() { HasText = "A long exploration" }).First.Locator("a").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/sessions/{session}$"));

        var newest = Page.Locator($"[data-message-id='{last}']");
        await Expect(newest).ToBeInViewportAsync();
        var rendered = await Ui.Messages.CountAsync();
        Output.WriteLine($"{rendered} of 300 messages rendered at the end of the session");
        Assert.True(rendered < 60, $"{rendered} of 300 messages rendered");
        await ScreenshotAsync("long-session-bottom");

        // Scrolling up brings the earlier messages in, down to the first one.
        var oldest = Page.Locator($"[data-message-id='{first}']");
        for (var i = 0; i < 60 && !await IsInViewAsync(first); i++)
        {
            await messages.EvaluateAsync("el => el.scrollTop = 0");
            await Page.WaitForTimeoutAsync(150);
        }
        await Expect(oldest).ToBeInViewportAsync();
        await Expect(oldest).ToContainTextAsync("Question 1:");
        Assert.True(await Ui.Messages.CountAsync() < 100, "scrolled to the top, the list still renders only what is near the view");
        await ScreenshotAsync("long-session-top");

        // Sending from up there brings the end back: the new message and its answer show at the bottom.
        await Ui.SendAsync("Plan a 3-day trip to Lisbon");
        var sent = Ui.UserMessages.Filter(new() { HasText = "Plan a 3-day trip to Lisbon" });
        await Expect(sent).ToBeInViewportAsync();
        await Expect(Ui.LastAssistant).ToHaveAttributeAsync("data-status", "complete");
        await Expect(Ui.LastAssistant).ToBeInViewportAsync();
        await Expect(messages).ToHaveAttributeAsync("data-message-count", "302");
        await ScreenshotAsync("long-session-sent");
    });

    /// <summary>Whether the message is rendered and inside the chat's visible area (false while it is not rendered at all).</summary>
    private Task<bool> IsInViewAsync(Guid message) => Page.EvaluateAsync<bool>("""
        id => { const el = document.querySelector(`[data-message-id='${id}']`);
                if (!el) return false;
                const box = el.getBoundingClientRect(), list = el.closest('[data-testid=chat-messages]').getBoundingClientRect();
                return box.bottom > list.top && box.top < list.bottom; }
        """, message.ToString());

    /// <summary>The member's session of <paramref name="count"/> stored messages (answers of varying length), written as the app writes them.</summary>
    private async Task<(Guid Session, Guid First, Guid Last)> SeedAsync(int count)
    {
        var owner = await TestAccounts.CreateAsync(App.Services, TestAccounts.MemberEmail);
        var factory = App.Services.GetRequiredService<IDbContextFactory<PersonaDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var start = DateTime.UtcNow.AddDays(-1);
        var session = new ExplorationSession { OwnerId = owner, Title = "A long exploration", CreatedUtc = start, UpdatedUtc = DateTime.UtcNow };
        var paragraph = "Lisbon has trams, tiles, bakeries and viewpoints over the river. ";
        var messages = Enumerable.Range(1, count).Select(i => new Message
        {
            SessionId = session.Id, Sequence = i, Status = MessageStatus.Complete, CreatedUtc = start.AddMinutes(i),
            Role = i % 2 == 1 ? MessageRole.User : MessageRole.Assistant,
            Content = i % 2 == 1 ? $"Question {i}: what about day {i}?" : $"**Answer {i}.** " + string.Concat(Enumerable.Repeat(paragraph, 1 + i % 7)),
        }).ToList();
        db.Sessions.Add(session);
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();
        return (session.Id, messages[0].Id, messages[^1].Id);
    }
}
