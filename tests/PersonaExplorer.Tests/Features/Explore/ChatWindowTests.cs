using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;

namespace PersonaExplorer.Tests.Features.Explore;

public class ChatWindowTests
{
    private static List<Message> Conversation(int count) =>
        Enumerable.Range(1, count).Select(i => new Message { Role = i % 2 == 1 ? MessageRole.User : MessageRole.Assistant, Content = $"m{i}" }).ToList();

    [Fact]
    public void The_newest_messages_are_always_shown_and_the_earlier_ones_go_to_the_virtualised_list()
    {
        var messages = Conversation(300);
        var window = new ChatWindow();

        var earlier = window.Earlier(messages);
        var newest = window.Newest(messages).ToList();

        Assert.Equal(300 - ChatWindow.NewestShown, earlier.Count);
        Assert.Equal(messages.Take(earlier.Count), earlier);
        Assert.Equal(messages.TakeLast(ChatWindow.NewestShown), newest);
    }

    [Fact]
    public void A_short_conversation_has_no_earlier_messages()
    {
        var messages = Conversation(3);
        var window = new ChatWindow();

        Assert.Empty(window.Earlier(messages));
        Assert.Equal(messages, window.Newest(messages));
    }

    [Fact]
    public void The_earlier_list_is_the_same_collection_until_the_conversation_changes()
    {
        var messages = Conversation(40);
        var window = new ChatWindow();
        var first = window.Earlier(messages);

        Assert.Same(first, window.Earlier(messages));
        messages.Add(new Message { Role = MessageRole.User, Content = "one more" });
        var grown = window.Earlier(messages);

        Assert.NotSame(first, grown);
        Assert.Equal(first.Count + 1, grown.Count);
    }

    [Fact]
    public void Only_a_new_user_message_at_the_end_asks_for_a_scroll_to_the_end()
    {
        var messages = Conversation(10);
        var window = new ChatWindow();

        Assert.False(window.TakeNewUserMessage(messages)); // the session as opened
        messages.Add(new Message { Role = MessageRole.User, Content = "sent" });
        Assert.True(window.TakeNewUserMessage(messages));
        Assert.False(window.TakeNewUserMessage(messages)); // once
        messages.Add(new Message { Role = MessageRole.Assistant, Content = "answer" });
        Assert.False(window.TakeNewUserMessage(messages));
    }
}
