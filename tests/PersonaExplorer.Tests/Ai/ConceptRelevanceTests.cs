using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Ai;

public class ConceptRelevanceTests
{
    private static readonly PromptConcept[] Profile =
    [
        new("dislikes long flights", "travel", 0.8),
        new("prefers vegetarian food", "diet", 1),
        new("needs a laptop with long battery life", "work", 0.6),
        new("budget-conscious", "budget", 0.7),
    ];

    [Fact]
    public async Task A_small_profile_is_sent_whole()
    {
        var (selected, omitted) = await new ConceptRelevance(SharedEmbedder.MiniLm).SelectAsync(Profile, "anything", 10);
        Assert.Equal(Profile, selected);
        Assert.Empty(omitted);
    }

    [Fact]
    public async Task A_large_profile_keeps_the_concepts_closest_to_the_request_in_the_persons_order()
    {
        var (selected, omitted) = await new ConceptRelevance(SharedEmbedder.MiniLm).SelectAsync(Profile, "Where should we eat dinner tonight? Suggest restaurants", 2);

        Assert.Equal(2, selected.Count);
        Assert.Contains(selected, c => c.Text == "prefers vegetarian food");
        Assert.Equal(2, omitted.Count);
        Assert.Equal(Profile.Where(selected.Contains), selected); // order kept
    }

    [Fact]
    public async Task The_prompt_says_how_many_concepts_were_left_out_and_never_names_them()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("ok"), explore: o => o.MaxPromptConcepts = 2);
        var client = (ScriptedChatClient)ws.Services.GetRequiredService<Microsoft.Extensions.AI.IChatClient>();
        foreach (var c in Profile) await ws.Profile.AddAsync(c.Text, c.Category);

        await ws.Explore.SendAsync("Suggest restaurants for dinner in Porto");
        await ws.AnswerAsync();

        var system = client.AnswerCalls[0][0].Text;
        Assert.Equal(2, ChatPrompt.ReadConcepts(system).Count);
        Assert.Contains("2 further profile concepts were left out", system);
        var sent = ChatPrompt.ReadConcepts(system).Select(c => c.Text).ToHashSet();
        Assert.All(Profile.Where(c => !sent.Contains(c.Text)), c => Assert.DoesNotContain(c.Text, system));
    }
}
