using Bunit;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore.Care;

public class ClarifyChipsTests
{
    [Fact]
    public async Task A_clicked_quick_reply_is_sent_as_the_answer_and_its_question_goes_away()
    {
        await using var host = await CareHost.StartAsync();
        var (session, message) = await host.SessionAsync("Help me plan a trip");
        await host.Explore.LoadAsync(session);
        await host.StartTurnAsync(session, message);
        await using var ctx = CareBunit.Create(host);
        var cut = ctx.Render<ClarifyChips>();
        Assert.Equal(3, cut.FindAll("[data-testid=clarify-question]").Count);
        var chip = cut.FindAll("[data-testid=clarify-chip]")[0];
        var reply = chip.TextContent.Trim();

        await chip.ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=clarify-question]").Count));
        Assert.Contains(host.Explore.Messages, m => m.Role == MessageRole.User && m.Content == reply);
        await using var db = await host.Db();
        Assert.Contains(db.Events, e => e.Type == EventTypes.Care.QuickReply);
    }
}
