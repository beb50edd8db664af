using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.Features.Explore;

public class LiveSteeringTests
{
    private static Task<Workspace> OfflineWorkspace() =>
        Workspace.CreateAsync(new OfflineDemoChatClient(SharedEmbedder.MiniLm, tokenDelayMs: 0), explore: o => o.SteeringDebounceMs = 0);

    private static async Task<Workspace> WithAnswerAsync(string request = "Suggest restaurants for dinner in Porto")
    {
        var ws = await OfflineWorkspace();
        await ws.Explore.SendAsync(request);
        await ws.AnswerAsync();
        return ws;
    }

    [Fact]
    public async Task Adding_a_concept_rewrites_the_last_answer_and_offers_a_diff()
    {
        await using var ws = await WithAnswerAsync();
        var before = ws.Explore.Messages[^1];

        await ws.Profile.AddAsync("prefers vegetarian food", "diet");
        var after = await ws.AnswerAsync();

        Assert.DoesNotContain("vegetarian", before.Content);
        Assert.Contains("vegetarian", after.Content);
        var comparison = Assert.IsType<SteeringComparison>(ws.Explore.Comparison);
        Assert.Equal(before.Id, comparison.Before.Id);
        Assert.Contains(comparison.Diff, s => s.Kind == DiffKind.Added && s.Text.Contains("vegetarian"));
        Assert.Equal(2, ws.Explore.Messages.Count);
    }

    [Fact]
    public async Task Confirming_a_need_of_your_own_rewrites_the_last_answer_too()
    {
        await using var ws = await WithAnswerAsync();
        var care = ws.Services.GetRequiredService<PersonaExplorer.Features.Explore.Care.CareActions>();
        await ws.Explore.PanelTurn;

        await care.AddNeedAsync(ws.Explore.SessionId!.Value, "a table with outdoor seating");
        var after = await ws.AnswerAsync();

        Assert.Contains("outdoor seating", after.Content);
        Assert.NotNull(ws.Explore.Comparison);
    }

    [Fact]
    public async Task Keeping_the_before_version_restores_the_original_answer_everywhere()
    {
        await using var ws = await WithAnswerAsync();
        var before = ws.Explore.Messages[^1];
        await ws.Profile.AddAsync("budget-conscious", "budget");
        await ws.AnswerAsync();

        await ws.Explore.KeepBeforeAsync();

        Assert.Null(ws.Explore.Comparison);
        Assert.Equal(before.Id, ws.Explore.Messages[^1].Id);
        var visible = await ws.Sessions.VisibleMessagesAsync(ws.Explore.SessionId!.Value);
        Assert.Equal(before.Id, visible[^1].Id);
        await using var db = ws.Db();
        Assert.Equal(3, await db.Messages.CountAsync()); // the regenerated answer is kept, hidden
    }

    [Fact]
    public async Task A_second_edit_during_regeneration_cancels_the_stale_stream_and_compares_with_the_original()
    {
        var ws = await Workspace.CreateAsync(new OfflineDemoChatClient(SharedEmbedder.MiniLm, tokenDelayMs: 15), explore: o => o.SteeringDebounceMs = 0);
        await using var _ = ws;
        await ws.Explore.SendAsync("Suggest restaurants for dinner in Porto");
        await ws.AnswerAsync();
        var original = ws.Explore.Messages[^1];

        await ws.Profile.AddAsync("prefers vegetarian food", "diet");
        await ws.Steering.Pending;
        await Task.Delay(60);
        await ws.Profile.AddAsync("budget-conscious", "budget");
        var after = await ws.AnswerAsync();

        Assert.Equal(MessageStatus.Complete, after.Status);
        Assert.Equal(original.Id, ws.Explore.Comparison!.Before.Id);
        Assert.Equal(2, ws.Explore.Messages.Count);
        await using var db = ws.Db();
        Assert.Contains(await db.Messages.Select(m => m.Status).ToListAsync(), s => s == MessageStatus.Cancelled); // the stale stream was stopped
    }

    [Fact]
    public async Task Sending_a_new_message_during_regeneration_puts_the_original_answer_back()
    {
        var ws = await Workspace.CreateAsync(new OfflineDemoChatClient(SharedEmbedder.MiniLm, tokenDelayMs: 20), explore: o => o.SteeringDebounceMs = 0);
        await using var _ = ws;
        await ws.Explore.SendAsync("Suggest restaurants for dinner in Porto");
        await ws.AnswerAsync();
        var original = ws.Explore.Messages[^1];

        await ws.Profile.AddAsync("prefers vegetarian food", "diet");
        await ws.Steering.Pending;
        await Task.Delay(50);
        await ws.Explore.SendAsync("And in Lisbon?");
        await ws.AnswerAsync();

        Assert.Equal(original.Id, ws.Explore.Messages[1].Id);
        Assert.Equal(4, ws.Explore.Messages.Count);
        Assert.Null(ws.Explore.Comparison);
    }

    [Fact]
    public async Task With_live_steering_off_an_edit_changes_nothing_on_screen()
    {
        await using var ws = await WithAnswerAsync();
        ws.Explore.LiveSteering = false;
        var before = ws.Explore.Messages[^1];

        await ws.Profile.AddAsync("prefers vegetarian food", "diet");

        Assert.False(ws.Explore.IsStreaming);
        Assert.Equal(before.Id, ws.Explore.Messages[^1].Id);
    }

    [Fact]
    public void The_word_diff_counts_added_and_removed_words()
    {
        var diff = SteeringDiff.MarkdownWords("take the **plane** to Rome", "take the train to Rome");

        Assert.Contains(diff, s => s.Kind == DiffKind.Removed && s.Text.Contains("plane"));
        Assert.Contains(diff, s => s.Kind == DiffKind.Added && s.Text.Contains("train"));
        Assert.DoesNotContain(diff, s => s.Text.Contains("**"));
        Assert.Equal((1, 1), SteeringDiff.CountWords(diff));
    }
}
