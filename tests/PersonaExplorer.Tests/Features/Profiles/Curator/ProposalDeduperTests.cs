using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Profiles.Curator;

namespace PersonaExplorer.Tests.Features.Profiles.Curator;

/// <summary>Paraphrases of a concept or of an earlier proposal are dropped by meaning (MiniLM); different or opposite preferences stay.</summary>
public class ProposalDeduperTests
{
    private static readonly ProposalDeduper Deduper = new(SharedEmbedder.MiniLm);

    private static CuratedConcept Add(string text) =>
        new(ProposalKind.Add, null, text, "general", 0.8, null, ConfidenceLevel.High, 0.9, null, true, false, null);

    public static TheoryData<string, string> Paraphrases => new()
    {
        // an existing concept or earlier proposal, and a reworded proposal of the same preference
        { "prefers vegetarian food", "likes vegetarian meals" },
        { "dislikes long flights", "doesn't like long flights" },
        { "budget-conscious", "budget conscious traveller" },
        { "prefers quiet places", "likes quiet places" },
        { "travels with children", "travelling with kids" },
    };

    [Theory]
    [MemberData(nameof(Paraphrases))]
    public async Task A_paraphrase_of_a_known_concept_is_dropped(string known, string proposed)
    {
        var (kept, dropped) = await Deduper.NewOnlyAsync([Add(proposed)], [known]);

        Assert.Empty(kept);
        Assert.Equal(known, Assert.Single(dropped).Repeats);
    }

    public static TheoryData<string, string> Different => new()
    {
        { "prefers vegetarian food", "prefers trains over flights" },
        { "likes long flights", "dislikes long flights" },
        { "prefers quiet places", "enjoys nightlife" },
        { "studies best in the morning", "studies best in the evening" },
    };

    [Theory]
    [MemberData(nameof(Different))]
    public async Task A_different_or_opposite_preference_is_kept(string known, string proposed)
    {
        var (kept, _) = await Deduper.NewOnlyAsync([Add(proposed)], [known]);

        Assert.Equal(proposed, Assert.Single(kept).Text);
    }

    [Fact]
    public async Task Paraphrases_within_one_batch_collapse_to_the_first()
    {
        var (kept, dropped) = await Deduper.NewOnlyAsync([Add("prefers vegetarian food"), Add("likes vegetarian meals"), Add("prefers trains over flights")], []);

        Assert.Equal(["prefers vegetarian food", "prefers trains over flights"], kept.Select(k => k.Text));
        Assert.Equal("prefers vegetarian food", Assert.Single(dropped).Repeats);
    }

    [Fact]
    public async Task A_change_is_not_dropped_for_resembling_the_concept_it_rewrites()
    {
        var change = new CuratedConcept(ProposalKind.Change, "likes trains", "loves trains", "travel", 0.9, null, ConfidenceLevel.High, 0.9, null, true, false, null);

        var (kept, _) = await Deduper.NewOnlyAsync([change], ["likes trains"]);

        Assert.Single(kept);
    }
}
