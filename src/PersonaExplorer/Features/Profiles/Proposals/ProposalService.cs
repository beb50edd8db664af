using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Data.Changes;
using PersonaExplorer.Features.Profiles.Curator;
using PersonaExplorer.Features.Profiles.Versions;

namespace PersonaExplorer.Features.Profiles.Proposals;

/// <summary>
/// Concept proposals from the curator and from "build from my text": stored as proposed, then accepted (as is or edited)
/// or dismissed by the person. A dismissed proposal is never proposed again (same normalized text), nor is one that is
/// already pending or already a concept.
/// </summary>
public sealed class ProposalService : IDisposable
{
    private const string Topic = "proposals";
    private readonly IDbContextFactory<PersonaDbContext> factory;
    private readonly ConceptStore store;
    private readonly EventLog events;
    private readonly TimeProvider clock;
    private readonly IChangeFeed _feed;
    private readonly IDisposable _subscription;

    /// <param name="feed">Carries "proposals changed" to every circuit, on other instances too (PostgreSQL); in-process when omitted.</param>
    public ProposalService(IDbContextFactory<PersonaDbContext> factory, ConceptStore store, EventLog events, TimeProvider clock, IChangeFeed? feed = null)
    {
        (this.factory, this.store, this.events, this.clock) = (factory, store, events, clock);
        _feed = feed ?? new InProcessChangeFeed();
        _subscription = _feed.Subscribe(Topic, OwnerAsync, payload => RaiseChangedAsync(Guid.Parse(payload)));
    }

    public void Dispose() => _subscription.Dispose();

    /// <summary>The owner of this scope's data ("" for a store that sees everyone's, as tools and some tests use it).</summary>
    private async ValueTask<string> OwnerAsync() => factory is Accounts.Ownership.OwnedDatabase owned ? await owned.Person.OwnerIdAsync() : "";

    public const string FromCurator = "curator";
    public const string FromText = "text";

    private readonly Notifier<Guid> _changed = new();

    /// <summary>Tells <paramref name="onChange"/> the profile id whenever its proposals change (any circuit of the same person); dispose to stop.</summary>
    public IDisposable Subscribe(Func<Guid, Task> onChange) => _changed.Subscribe(onChange);

    /// <returns>The proposals that were new and are now pending.</returns>
    public async Task<IReadOnlyList<ConceptProposal>> AddAsync(Guid profileId, Guid? sessionId, Guid? messageId,
        IEnumerable<CuratedConcept> curated, string origin, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var blocked = (await db.ConceptProposals.Where(p => p.ProfileId == profileId && p.Status != ProposalStatus.Accepted)
            .Select(p => p.NormalizedText).ToListAsync(ct)).ToHashSet();
        var concepts = await db.Concepts.AsNoTracking().Where(c => c.ProfileId == profileId).ToListAsync(ct);
        var existing = concepts.Select(c => ConceptText.Normalize(c.Text)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<ConceptProposal>();
        foreach (var c in curated)
        {
            var key = ConceptText.Normalize(c.Text);
            if (key.Length == 0 || blocked.Contains(key) || existing.Contains(key)) continue;
            Guid? target = null;
            if (c.Kind == ProposalKind.Change)
            {
                var targetKey = ConceptText.Normalize(c.TargetText);
                target = concepts.FirstOrDefault(x => ConceptText.Normalize(x.Text) == targetKey)?.Id;
                if (target is null) continue;
            }
            blocked.Add(key);
            var proposal = new ConceptProposal
            {
                ProfileId = profileId, SessionId = sessionId, SourceMessageId = messageId, Kind = c.Kind, TargetConceptId = target,
                Text = c.Text, NormalizedText = key, Category = c.Category, Weight = c.Weight,
                Evidence = c.Evidence is { Length: > 1000 } e ? e[..999] + "…" : c.Evidence,
                ConfidenceLevel = c.Level, Confidence = c.Confidence, Question = c.Question, Stated = c.Stated, IsPrivate = c.IsPrivate,
                SensitiveCategory = c.SensitiveCategory, Origin = origin, CreatedUtc = now,
            };
            db.ConceptProposals.Add(proposal);
            added.Add(proposal);
        }
        if (added.Count == 0) return added;
        await db.SaveChangesAsync(ct);
        await events.RecordAsync(EventTypes.Proposals.Add, sessionId, profileId, new { origin, count = added.Count }, ct);
        await NotifyAsync(profileId);
        return added;
    }

    /// <summary>The texts a new proposal must not repeat: the profile's concepts and its earlier proposals that were not accepted.</summary>
    public async Task<IReadOnlyList<string>> KnownTextsAsync(Guid profileId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var proposals = await db.ConceptProposals.Where(p => p.ProfileId == profileId && p.Status != ProposalStatus.Accepted).Select(p => p.Text).ToListAsync(ct);
        var concepts = await db.Concepts.Where(c => c.ProfileId == profileId).Select(c => c.Text).ToListAsync(ct);
        return [.. concepts, .. proposals];
    }

    public async Task<IReadOnlyList<ConceptProposal>> PendingAsync(Guid profileId, string? origin = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ConceptProposals.AsNoTracking()
            .Where(p => p.ProfileId == profileId && p.Status == ProposalStatus.Proposed && (origin == null || p.Origin == origin))
            .OrderByDescending(p => p.Confidence).ThenBy(p => p.CreatedUtc).ToListAsync(ct);
    }

    /// <summary>Accepts a proposal, optionally with the person's edited text; the profile gets a new version.</summary>
    /// <returns>null on success, otherwise the reason to show.</returns>
    public async Task<string?> AcceptAsync(Guid proposalId, string? editedText = null, CancellationToken ct = default)
    {
        var edited = editedText is not null;
        if (edited && ConceptStore.CheckText(editedText) is { } error) return error;
        await using var db = await factory.CreateDbContextAsync(ct);
        var p = await db.ConceptProposals.FirstOrDefaultAsync(x => x.Id == proposalId, ct);
        if (p is null || p.Status != ProposalStatus.Proposed) return "That proposal was already handled.";
        var text = (edited ? editedText! : p.Text).Trim();
        edited = edited && text != p.Text;
        var source = edited ? ConceptSource.Edited : p.Stated ? ConceptSource.Stated : ConceptSource.Inferred;
        var label = edited ? "accepted an edited proposal" : "accepted proposal";

        if (p.Kind == ProposalKind.Change && p.TargetConceptId is { } targetId
            && await db.Concepts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == targetId, ct) is { } target)
        {
            var changed = ConceptStore.Copy(target);
            changed.Text = text;
            changed.Weight = p.Weight;
            await store.UpdateAsync(changed, ProfileStore.You, $"you: {label} {ProfileHistory.Quote(target.Text)} → {ProfileHistory.Quote(text)}", ct);
        }
        else
        {
            var profile = await db.Concepts.AsNoTracking().Where(c => c.ProfileId == p.ProfileId).Select(c => c.Text).ToListAsync(ct);
            if (profile.Any(t => ConceptText.Normalize(t) == ConceptText.Normalize(text)))
                return $"\"{text}\" is already in your profile.";
            try
            {
                await store.AddAsync(p.ProfileId, new ConceptDraft(text, p.Category, p.Weight, true, source, p.Evidence, p.IsPrivate),
                    ProfileStore.You, $"you: {label} {ProfileHistory.Quote(text)}", ct);
            }
            catch (ProfileFullException full) { return full.Message; } // the proposal stays open
        }
        p.Status = ProposalStatus.Accepted;
        p.DecidedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await events.RecordAsync(EventTypes.Proposals.Accept, p.SessionId, p.ProfileId, new { proposalId, p.Text, edited, p.Origin }, ct);
        await NotifyAsync(p.ProfileId);
        return null;
    }

    public async Task<int> AcceptAllAsync(Guid profileId, string? origin = null, CancellationToken ct = default)
    {
        var accepted = 0;
        foreach (var p in await PendingAsync(profileId, origin, ct))
            if (await AcceptAsync(p.Id, null, ct) is null) accepted++;
        return accepted;
    }

    /// <summary>Dismisses a proposal: the same text is never proposed again for this profile.</summary>
    public async Task DismissAsync(Guid proposalId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var p = await db.ConceptProposals.FirstOrDefaultAsync(x => x.Id == proposalId, ct);
        if (p is null || p.Status != ProposalStatus.Proposed) return;
        p.Status = ProposalStatus.Dismissed;
        p.DecidedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await events.RecordAsync(EventTypes.Proposals.Dismiss, p.SessionId, p.ProfileId, new { proposalId, p.Text, p.Origin }, ct);
        await NotifyAsync(p.ProfileId);
    }

    // Heard by the circuits of the same person only: the feed is scoped to the owner.
    private async Task NotifyAsync(Guid profileId) => await _feed.PublishAsync(Topic, await OwnerAsync(), profileId.ToString());

    private Task RaiseChangedAsync(Guid profileId) => _changed.NotifyAsync(profileId);
}
