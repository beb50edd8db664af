using Microsoft.Extensions.AI;
using PersonaExplorer.Features.Limits;

namespace PersonaExplorer.Tests.Features.Limits;

public class HistoryWindowTests
{
    private static readonly TokenCounter Tokens = new();

    [Fact]
    public void The_counter_counts_openai_tokens_offline()
    {
        Assert.Equal(0, Tokens.Count(""));
        Assert.InRange(Tokens.Count("Plan a three-day trip to Lisbon with vegetarian food."), 8, 16);
        // o200k_base has CJK tokens: a short Japanese phrase is a handful of tokens, not one per byte.
        Assert.InRange(Tokens.Count("東京で三日間の旅行を計画して"), 3, 14);
    }

    [Fact]
    public void The_newest_messages_that_fit_are_kept_without_a_gap()
    {
        var history = Enumerable.Range(1, 40).Select(i => new ChatMessage(i % 2 == 1 ? ChatRole.User : ChatRole.Assistant, $"message {i} " + string.Join(' ', Enumerable.Repeat("word", 50)))).ToList();

        var window = HistoryWindow.Select(history, 600, Tokens);

        Assert.InRange(Tokens.Count(window.Messages), 1, 600);
        Assert.Equal(40 - window.Messages.Count, window.LeftOut);
        Assert.True(window.LeftOut > 0);
        Assert.Equal(history.TakeLast(window.Messages.Count).Select(m => m.Text), window.Messages.Select(m => m.Text));
    }

    [Fact]
    public void The_current_message_is_kept_even_when_it_alone_exceeds_the_budget()
    {
        var history = new List<ChatMessage> { new(ChatRole.User, "short"), new(ChatRole.User, string.Join(' ', Enumerable.Repeat("long", 2000))) };

        var window = HistoryWindow.Select(history, 100, Tokens);

        Assert.Equal(history[1].Text, Assert.Single(window.Messages).Text);
        Assert.Equal(1, window.LeftOut);
    }

    [Fact]
    public void A_short_conversation_is_sent_whole_without_a_note()
    {
        var history = new List<ChatMessage> { new(ChatRole.User, "hi"), new(ChatRole.Assistant, "hello"), new(ChatRole.User, "plan a trip") };

        var window = HistoryWindow.Select(history, 6000, Tokens);

        Assert.Equal(3, window.Messages.Count);
        Assert.Equal(0, window.LeftOut);
    }
}
