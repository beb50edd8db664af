using Microsoft.Extensions.Options;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore.Care;

public class NeedMergerTests
{
    private static readonly Guid Session = Guid.NewGuid();
    private readonly NeedMerger _merger = new(SharedEmbedder.MiniLm, Options.Create(new AgentOptions()));

    private static Need Existing(string statement, NeedStatus status, double confidence = 0.5) =>
        new() { SessionId = Session, Statement = statement, Status = status, Confidence = confidence, Kind = NeedKind.Implicit };

    private static ProposedNeed Proposed(string statement, double confidence = 0.8) =>
        new() { Statement = statement, Kind = NeedKind.Implicit, Confidence = confidence, Evidence = "from the chat" };

    [Fact]
    public async Task A_reworded_duplicate_is_merged_into_the_existing_need()
    {
        var existing = Existing("Vegetarian food options", NeedStatus.Proposed);

        var result = await _merger.MergeAsync(Session, null, [existing], [Proposed("Needs meals without meat")], default);

        Assert.Empty(result.Added);
        Assert.Same(existing, Assert.Single(result.Duplicates).Existing);
        Assert.Same(existing, Assert.Single(result.Updated));
        Assert.Equal(0.8, existing.Confidence);
        Assert.Equal("from the chat", existing.Evidence);
    }

    [Fact]
    public async Task A_reworded_rejected_need_is_not_resurrected()
    {
        var rejected = Existing("Avoid long flights", NeedStatus.Rejected);

        var result = await _merger.MergeAsync(Session, null, [rejected], [Proposed("Prefers short travel times")], default);

        Assert.Empty(result.Added);
        Assert.Same(rejected, Assert.Single(result.KeptRejected).Rejected);
        Assert.Equal(NeedStatus.Rejected, rejected.Status);
    }

    [Fact]
    public async Task The_persons_confirmed_wording_is_kept_when_the_model_rewords_it()
    {
        var confirmed = Existing("Keep costs low", NeedStatus.Confirmed, confidence: 1);

        var result = await _merger.MergeAsync(Session, null, [confirmed], [Proposed("Stay within a budget")], default);

        Assert.Empty(result.Added);
        Assert.Empty(result.Updated);
        Assert.Equal("Keep costs low", confirmed.Statement);
    }

    [Fact]
    public async Task An_unrelated_need_is_added_as_proposed_after_the_existing_ones()
    {
        var existing = Existing("Vegetarian food options", NeedStatus.Confirmed);
        existing.SortOrder = 4;
        var messageId = Guid.NewGuid();

        var result = await _merger.MergeAsync(Session, messageId, [existing], [Proposed("Child-friendly activities")], default);

        var added = Assert.Single(result.Added);
        Assert.Equal(NeedStatus.Proposed, added.Status);
        Assert.Equal(5, added.SortOrder);
        Assert.Equal(messageId, added.SourceMessageId);
    }

    [Fact]
    public async Task Two_rewordings_in_one_reply_become_one_need()
    {
        var result = await _merger.MergeAsync(Session, null, [], [Proposed("Good battery life"), Proposed("Battery lasts all day")], default);

        Assert.Equal("Good battery life", Assert.Single(result.Added).Statement);
    }
}
