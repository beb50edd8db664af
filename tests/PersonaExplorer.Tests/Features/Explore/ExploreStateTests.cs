using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore;

public class ExploreStateTests
{
    [Fact]
    public async Task The_user_message_is_stored_before_the_model_is_called()
    {
        Workspace? ws = null;
        var storedAtCallTime = false;
        var client = new ScriptedChatClient((messages, ct) =>
        {
            using var db = ws!.Db();
            storedAtCallTime = db.Messages.Any(m => m.Role == MessageRole.User && m.Content == "Plan a trip to Rome");
            return ScriptedChatClient.Chunks("Here is a plan.", 0, ct);
        });
        await using var _ = ws = await Workspace.CreateAsync(client);

        Assert.Null(await ws.Explore.SendAsync("Plan a trip to Rome"));
        await ws.AnswerAsync();

        Assert.True(storedAtCallTime);
    }

    [Fact]
    public async Task A_streamed_answer_is_saved_once_complete_with_its_timings()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("One two three four", chunkDelayMs: 5));

        await ws.Explore.SendAsync("Count to four");
        var answer = await ws.AnswerAsync();

        Assert.Equal(MessageStatus.Complete, answer.Status);
        Assert.Equal("One two three four", answer.Content.Trim());
        Assert.NotNull(answer.FirstTokenMs);
        Assert.True(answer.DurationMs >= answer.FirstTokenMs);
        await using var db = ws.Db();
        var stored = await db.Messages.OrderBy(m => m.Sequence).ToListAsync();
        Assert.Equal([MessageRole.User, MessageRole.Assistant], stored.Select(m => m.Role));
        Assert.Equal(answer.Content, stored[1].Content);
        Assert.Equal(ModelInfo.OfflineModelName, stored[1].Model);
    }

    [Fact]
    public async Task Stopping_keeps_what_arrived_as_a_cancelled_answer()
    {
        var firstChunk = new TaskCompletionSource();
        var client = new ScriptedChatClient((_, ct) => SlowAfterFirst(firstChunk, ct));
        await using var ws = await Workspace.CreateAsync(client);

        await ws.Explore.SendAsync("Tell me a long story");
        await firstChunk.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(80); // past the render interval, so the first words are reported
        await ws.Explore.StopAsync();

        var answer = ws.Explore.Messages[^1];
        Assert.Equal(MessageStatus.Cancelled, answer.Status);
        Assert.StartsWith("Once upon", answer.Content);
        await using var db = ws.Db();
        Assert.Equal(MessageStatus.Cancelled, (await db.Messages.SingleAsync(m => m.Role == MessageRole.Assistant)).Status);
    }

    [Fact]
    public async Task Losing_the_circuit_keeps_what_arrived_as_a_partial_answer()
    {
        var firstChunk = new TaskCompletionSource();
        var client = new ScriptedChatClient((_, ct) => SlowAfterFirst(firstChunk, ct));
        var ws = await Workspace.CreateAsync(client);
        await using var db = ws.Db();
        try
        {
            await ws.Explore.SendAsync("Tell me a long story");
            await firstChunk.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await ws.Services.GetRequiredService<PersonaExplorer.Features.Explore.Conversation>().DisposeAsync(); // what the circuit does when the tab closes or reloads

            var answer = await db.Messages.SingleAsync(m => m.Role == MessageRole.Assistant);
            Assert.Equal(MessageStatus.Partial, answer.Status);
            Assert.StartsWith("Once upon", answer.Content);
        }
        finally { await ws.DisposeAsync(); }
    }

    [Fact]
    public async Task A_stream_that_stops_without_a_finish_reason_is_kept_as_a_cut_answer()
    {
        var client = new ScriptedChatClient((_, ct) => ScriptedChatClient.Chunks("Here are three ideas", 0, ct)) { EndWithFinishReason = false };
        await using var ws = await Workspace.CreateAsync(client);

        await ws.Explore.SendAsync("Plan a weekend");
        var answer = await ws.AnswerAsync();

        Assert.Equal(MessageStatus.Failed, answer.Status);
        Assert.Equal("Here are three ideas", answer.Content);
        Assert.Contains("cut off", answer.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public async Task An_empty_message_is_not_sent(string text)
    {
        var client = ScriptedChatClient.Replying("x");
        await using var ws = await Workspace.CreateAsync(client);

        Assert.NotNull(await ws.Explore.SendAsync(text));

        Assert.Empty(client.Calls);
        await using var db = ws.Db();
        Assert.Equal(0, await db.Messages.CountAsync());
        Assert.Equal(0, await db.Sessions.CountAsync());
    }

    [Fact]
    public async Task A_message_over_the_limit_gets_a_reason_and_nothing_is_stored()
    {
        var client = ScriptedChatClient.Replying("x");
        await using var ws = await Workspace.CreateAsync(client, explore: o => o.MaxMessageChars = 100);

        var error = await ws.Explore.SendAsync(new string('a', 101));

        Assert.Contains("limit is 100", error);
        Assert.Empty(client.Calls);
        await using var db = ws.Db();
        Assert.Equal(0, await db.Messages.CountAsync());
    }

    [Fact]
    public async Task Regenerating_replaces_the_answer_on_screen_but_keeps_the_old_one_stored()
    {
        var n = 0;
        var client = new ScriptedChatClient((m, ct) => ScriptedChatClient.Chunks(ScriptedChatClient.IsChatAnswer(m) ? $"Answer {++n}" : "{}", 0, ct));
        await using var ws = await Workspace.CreateAsync(client);
        await ws.Explore.SendAsync("Hi");
        await ws.AnswerAsync();

        await ws.Explore.RegenerateAsync();
        var answer = await ws.AnswerAsync();

        Assert.Equal("Answer 2", answer.Content.Trim());
        Assert.Equal(2, ws.Explore.Messages.Count);
        await using var db = ws.Db();
        var all = await db.Messages.Where(m => m.Role == MessageRole.Assistant).OrderBy(m => m.Sequence).ToListAsync();
        Assert.Equal([true, false], all.Select(m => m.IsSuperseded));
        Assert.Equal(2, client.AnswerCalls[1].Count); // system + the user message, not the replaced answer
    }

    [Fact]
    public async Task A_reloaded_session_shows_the_same_conversation()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("Fine, thanks."));
        await ws.Explore.SendAsync("How are you?");
        await ws.AnswerAsync();
        var id = ws.Explore.SessionId!.Value;

        await using var other = ws.Services.CreateAsyncScope();
        var reloaded = other.ServiceProvider.GetRequiredService<PersonaExplorer.Features.Explore.ExploreState>();
        await reloaded.LoadAsync(id);

        Assert.Equal(ws.Explore.Messages.Select(m => (m.Role, m.Content, m.Status)), reloaded.Messages.Select(m => (m.Role, m.Content, m.Status)));
        Assert.Equal("How are you?", reloaded.Title);
    }

    [Fact]
    public async Task Only_enabled_concepts_reach_the_prompt_and_private_ones_stay_away_from_cloud_models()
    {
        var client = ScriptedChatClient.Replying("ok");
        var cloud = new ModelInfo(AiProvider.AzureOpenAI, "gpt-4o-mini", IsDemo: false, IsLocal: false);
        await using var ws = await Workspace.CreateAsync(client, cloud);
        await ws.Profile.AddAsync("prefers vegetarian food", "diet");
        await ws.Profile.AddAsync("dislikes long flights", "travel");
        await ws.Profile.AddAsync("has a nut allergy", "health");
        await ws.Profile.ToggleAsync(ws.Profile.Concepts.Single(c => c.Text == "dislikes long flights"), false);
        var allergy = PersonaExplorer.Features.Profiles.ConceptStore.Copy(ws.Profile.Concepts.Single(c => c.Text == "has a nut allergy"));
        allergy.IsPrivate = true;
        await ws.Profile.UpdateAsync(allergy, "private");

        await ws.Explore.SendAsync("Where should I eat?");
        await ws.AnswerAsync();

        var sent = ChatPrompt.ReadConcepts(client.AnswerCalls[0][0].Text).Select(c => c.Text);
        Assert.Equal(["prefers vegetarian food"], sent);
    }

    [Fact]
    public async Task Live_updates_are_throttled_while_streaming()
    {
        var client = ScriptedChatClient.Replying(string.Join(' ', Enumerable.Range(0, 150).Select(i => $"w{i}")), chunkDelayMs: 2);
        await using var ws = await Workspace.CreateAsync(client, explore: o => o.StreamRenderIntervalMs = 50);
        var renders = 0;
        using var live = ws.Explore.SubscribeLive(() => { Interlocked.Increment(ref renders); return Task.CompletedTask; });

        await ws.Explore.SendAsync("Stream please");
        var answer = await ws.AnswerAsync();

        Assert.Equal(150, answer.Content.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.InRange(renders, 1, 150 / 3); // far fewer renders than tokens
    }

    private static async IAsyncEnumerable<string> SlowAfterFirst(TaskCompletionSource first, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return "Once ";
        yield return "upon ";
        first.TrySetResult();
        while (true)
        {
            await Task.Delay(20, ct);
            yield return "and ";
        }
    }
}
