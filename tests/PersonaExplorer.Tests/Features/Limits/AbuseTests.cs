using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Components.Errors;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Explore.WhyThis;
using PersonaExplorer.Features.Limits;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Limits;

/// <summary>
/// What one person or script can do to the server: each case asserts that the server refused or bounded it, and that
/// nothing a legitimate user did was lost.
/// </summary>
public class AbuseTests
{
    [Fact]
    public async Task Thirty_messages_in_ten_seconds_get_the_budget_message_and_another_person_is_unaffected()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("Sure."));
        var limit = new LimitsOptions().MessagesPerWindow;
        var refusals = new List<string>();
        var started = DateTime.UtcNow;

        // A script does not wait for answers: each send stops the previous answer, as a person sending again would.
        for (var i = 0; i < 30; i++)
            if (await ws.Explore.SendAsync($"Plan trip number {i}") is { } refused) refusals.Add(refused);
        var burst = DateTime.UtcNow - started;
        await ws.AnswerAsync();

        // The burst fell inside one budget window (a 10 s burst does on any machine; a loaded CI machine may need longer).
        Assert.True(burst < TimeSpan.FromSeconds(new LimitsOptions().MessageWindowSeconds), $"the burst took {burst.TotalSeconds:0.0} s");
        Assert.Equal(30 - limit, refusals.Count);
        Assert.All(refusals, r => Assert.Contains($"more than {limit} messages in 60 seconds", r));
        await using (var db = ws.Db())
        {
            // Every accepted message is stored, each followed by its answer (stopped ones kept as cancelled); no refused one is.
            Assert.Equal(Enumerable.Range(0, limit).Select(i => $"Plan trip number {i}"),
                await db.Messages.Where(m => m.Role == MessageRole.User).OrderBy(m => m.Sequence).Select(m => m.Content).ToListAsync());
            Assert.Equal(limit, await db.Messages.CountAsync(m => m.Role == MessageRole.Assistant));
            Assert.Equal(MessageStatus.Complete, ws.Explore.Messages[^1].Status);
        }

        await using var other = ws.CircuitOf("someone-else");
        var theirs = other.ServiceProvider.GetRequiredService<ExploreState>();
        Assert.Null(await theirs.SendAsync("Help me choose a laptop"));
        var answer = await theirs.Answer.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(MessageStatus.Complete, answer!.Status);
    }

    [Fact]
    public async Task Over_the_budget_the_chat_box_says_why_and_keeps_the_typed_message()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("Sure."), limits: o => o.MessagesPerWindow = 2);
        await using var ctx = BunitSetup.Create(ws);
        var cut = ctx.Render<ChatInput>();
        for (var i = 0; i < 2; i++)
        {
            await cut.InvokeAsync(() => cut.Instance.SendFromKeyboard($"message {i}"));
            await ws.AnswerAsync();
        }

        await cut.InvokeAsync(() => cut.Instance.SendFromKeyboard("the third one, typed with care"));

        cut.WaitForAssertion(() => Assert.Contains("more than 2 messages in 60 seconds", cut.Find("[data-testid=chat-notice]").TextContent));
        Assert.Equal("the third one, typed with care", cut.Find("[data-testid=chat-input]").GetAttribute("value"));
        Assert.Equal(2, ws.Explore.Messages.Count(m => m.Role == MessageRole.User));
    }

    [Fact]
    public async Task A_9000_character_message_through_the_circuit_is_refused_with_a_reason_and_nothing_is_stored()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("Sure."));
        await using var ctx = BunitSetup.Create(ws);
        var cut = ctx.Render<ChatInput>();

        // What the browser's Enter key sends over the circuit, bypassing the disabled Send button.
        await cut.InvokeAsync(() => cut.Instance.SendFromKeyboard(new string('a', 9000)));

        cut.WaitForAssertion(() => Assert.Contains("9,000 characters; the limit is 8,000", cut.Markup));
        await using (var db = ws.Db())
        {
            Assert.Equal(0, await db.Messages.CountAsync());
            Assert.Equal(0, await db.Sessions.CountAsync());
        }
        // The service refuses it too, whoever calls it.
        Assert.Contains("the limit is 8,000", await ws.Explore.SendAsync(new string('b', 9000)));

        // The circuit goes on: a normal message is answered.
        await cut.InvokeAsync(() => cut.Instance.SendFromKeyboard("Plan a trip"));
        Assert.Equal(MessageStatus.Complete, (await ws.AnswerAsync()).Status);
    }

    [Fact]
    public void The_circuit_accepts_at_most_64_KB_per_message_and_the_chat_box_refuses_pastes_well_below_that()
    {
        Assert.True(PersonaExplorer.Components.WebUiExtensions.MaxReceiveBytes <= 64 * 1024);
        var options = new ExploreOptions();
        // The box holds at most MaxPasteChars characters; UTF-8 needs at most 3 bytes for each (4 for a surrogate pair, i.e. 2 per char).
        Assert.True(options.MaxPasteChars * 3 + 1024 <= PersonaExplorer.Components.WebUiExtensions.MaxReceiveBytes);
        Assert.True(options.MaxPasteChars > options.MaxMessageChars, "an over-long message must reach the server to be refused with a reason");
    }

    [Fact]
    public async Task A_session_of_300_messages_sends_the_provider_a_request_under_the_token_budget()
    {
        var client = ScriptedChatClient.Replying("Here is a plan.");
        await using var ws = await Workspace.CreateAsync(client);
        var tokens = new TokenCounter();
        var budget = new LimitsOptions().ChatInputTokens;
        var session = await ws.Sessions.CreateAsync("A long exploration", null);
        var paragraph = string.Join(' ', Enumerable.Repeat("Lisbon has trams, tiles, bakeries and viewpoints over the river.", 8));
        for (var i = 1; i < 300; i++)
        {
            if (i % 2 == 1) await ws.Sessions.AddUserMessageAsync(session.Id, $"Question {i}: {paragraph}");
            else await ws.Sessions.AddAnswerAsync(new Message { SessionId = session.Id, Role = MessageRole.Assistant, Content = $"Answer {i}: {paragraph}", Status = MessageStatus.Complete });
        }
        await ws.Explore.LoadAsync(session.Id);

        Assert.Null(await ws.Explore.SendAsync("Message 300: and what about Porto?"));
        await ws.AnswerAsync();

        var sent = client.AnswerCalls[^1];
        var conversation = sent.SkipWhile(m => m.Role == ChatRole.System).ToList();
        Assert.InRange(tokens.Count(conversation), 1, budget);
        Assert.Equal("Message 300: and what about Porto?", conversation[^1].Text);
        Assert.Contains(sent, m => m.Role == ChatRole.System && m.Text.Contains("earliest messages of this conversation were left out"));
        Assert.True(conversation.Count is > 10 and < 300, $"{conversation.Count} messages sent");
        // Nothing was dropped from the session itself.
        await using var db = ws.Db();
        Assert.Equal(301, await db.Messages.CountAsync(m => m.SessionId == session.Id));
    }

    [Fact]
    public async Task Concept_501_is_refused_and_the_500_stay()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        var profile = await ws.Profile.CurrentAsync();
        await using (var db = ws.Db())
        {
            db.Concepts.AddRange(Enumerable.Range(0, ConceptRules.MaxPerProfile).Select(i => new Concept { ProfileId = profile.Id, Text = $"concept {i}", SortOrder = i }));
            await db.SaveChangesAsync();
        }
        await ws.Profile.ReloadAsync();

        var refused = await ws.Profile.AddAsync("one concept too many", "general");

        Assert.Contains("already holds 500 concepts", refused);
        await Assert.ThrowsAsync<ProfileFullException>(() => ws.Concepts.AddAsync(profile.Id, "another", "general", ConceptSource.Stated));
        await using var check = ws.Db();
        Assert.Equal(500, await check.Concepts.CountAsync(c => c.ProfileId == profile.Id));
        Assert.Equal(500, ws.Profile.Concepts.Count);
    }

    [Fact]
    public async Task Why_this_opened_and_closed_20_times_runs_at_most_one_provider_call()
    {
        var probe = new ConcurrencyProbe(new OfflineDemoChatClient(SharedEmbedder.MiniLm, 0, [new AttributionOfflineResponder()]));
        await using var ws = await Workspace.CreateAsync(probe);
        await ws.Profile.AddAsync("prefers vegetarian food", "diet");
        await ws.Explore.SendAsync("Suggest restaurants for dinner in Porto");
        var answer = await ws.AnswerAsync();
        await ws.Explore.PanelTurn;
        await Task.Delay(100); // the trace is written right after the answer
        var whyThis = ws.Services.GetRequiredService<WhyThisService>();
        probe.Reset(delay: TimeSpan.FromMilliseconds(300));

        var closed = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            using var dialog = new CancellationTokenSource();
            closed.Add(Swallow(whyThis.ExplainAsync(answer, ["prefers vegetarian food"], dialog.Token)));
            await Task.Delay(10);
            await dialog.CancelAsync(); // closed before the model answered
        }
        var kept = await whyThis.ExplainAsync(answer, ["prefers vegetarian food"]);
        await Task.WhenAll(closed);

        Assert.Equal(1, probe.MaxActive);
        Assert.True(probe.Calls <= 21, $"{probe.Calls} provider calls");
        // The one left open gets the whole report.
        Assert.True(Assert.Single(kept.Items).ModelSaysUsed);
        Assert.Null(kept.AttributionError);

        static async Task Swallow(Task task)
        {
            try { await task; } catch (OperationCanceledException) { }
        }
    }

    [Fact]
    public async Task A_throwing_handler_shows_an_error_the_rest_keeps_working_and_the_next_action_works()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        await using var ctx = BunitSetup.Create(ws);
        var failing = new Clicks { ThrowNext = true };
        var healthy = new Clicks();
        var cut = ctx.Render<Panels>(p => p.Add(x => x.Failing, failing).Add(x => x.Healthy, healthy));

        await cut.Find("[data-testid=failing] button").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Contains("hit an unexpected error", cut.Find("[data-testid=failing]").TextContent));
        await cut.Find("[data-testid=healthy] button").ClickAsync(new MouseEventArgs());
        Assert.Equal(1, healthy.Worked);
        await cut.Find("[data-testid=failing] [data-testid=panel-recover]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=failing] button").ClickAsync(new MouseEventArgs());
        Assert.Equal(1, failing.Worked);
        Assert.DoesNotContain("hit an unexpected error", cut.Markup);
    }

    public sealed class Clicks
    {
        public bool ThrowNext { get; set; }
        public int Worked { get; set; }
    }

    /// <summary>Two panels side by side, each in its own boundary, as the workspace lays them out.</summary>
    public sealed class Panels : ComponentBase
    {
        [Parameter] public Clicks Failing { get; set; } = default!;
        [Parameter] public Clicks Healthy { get; set; } = default!;

        protected override void BuildRenderTree(RenderTreeBuilder b)
        {
            b.OpenRegion(0);
            Panel(b, "failing", Failing);
            b.CloseRegion();
            b.OpenRegion(1);
            Panel(b, "healthy", Healthy);
            b.CloseRegion();
        }

        private static void Panel(RenderTreeBuilder b, string id, Clicks clicks)
        {
            b.OpenElement(0, "section");
            b.AddAttribute(1, "data-testid", id);
            b.OpenComponent<PanelBoundary>(2);
            b.AddComponentParameter(3, nameof(PanelBoundary.Name), id);
            b.AddComponentParameter(4, nameof(PanelBoundary.ChildContent), (RenderFragment)(c =>
            {
                c.OpenComponent<Button>(0);
                c.AddComponentParameter(1, nameof(Button.Clicks), clicks);
                c.CloseComponent();
            }));
            b.CloseComponent();
            b.CloseElement();
        }
    }

    public sealed class Button : ComponentBase
    {
        [Parameter] public Clicks Clicks { get; set; } = default!;

        protected override void BuildRenderTree(RenderTreeBuilder b)
        {
            b.OpenElement(0, "button");
            b.AddAttribute(1, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, OnClick));
            b.AddContent(2, "Do it");
            b.CloseElement();
        }

        private void OnClick()
        {
            if (Clicks.ThrowNext)
            {
                Clicks.ThrowNext = false;
                throw new InvalidOperationException("A handler failed.");
            }
            Clicks.Worked++;
        }
    }

    /// <summary>Counts the structured (non-streaming) provider calls running at once, each held for a while.</summary>
    private sealed class ConcurrencyProbe(IChatClient inner) : DelegatingChatClient(inner)
    {
        private int _active, _max, _calls;
        private TimeSpan _delay;

        public int MaxActive => Volatile.Read(ref _max);
        public int Calls => Volatile.Read(ref _calls);

        public void Reset(TimeSpan delay) => (_delay, _max, _calls) = (delay, 0, 0);

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            var now = Interlocked.Increment(ref _active);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen) { }
            try
            {
                await Task.Delay(_delay, cancellationToken);
                return await base.GetResponseAsync(messages, options, cancellationToken);
            }
            finally { Interlocked.Decrement(ref _active); }
        }
    }
}
