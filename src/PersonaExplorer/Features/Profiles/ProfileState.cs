using PersonaExplorer.Data;
using PersonaExplorer.Data.Changes;
using PersonaExplorer.Features.Accounts.Ownership;

namespace PersonaExplorer.Features.Profiles;

/// <summary>
/// The active profile as the drawer shows it; shared by the components of one circuit, with change notification.
/// An edit or a switch made in another tab of the same person (on this instance or, with PostgreSQL, another one)
/// reloads it, so every open drawer shows the profile as it is now.
/// </summary>
public sealed class ProfileState : IDisposable
{
    private const string Topic = "profiles";
    private readonly ProfileStore store;
    private readonly ConceptStore concepts;
    private readonly EventLog events;
    private readonly IChangeFeed? _feed;
    private readonly CurrentPerson? _person;
    private readonly IDisposable? _subscription;
    // Tells this circuit's own notifications from those of other tabs.
    private readonly Guid _tab = Guid.NewGuid();

    /// <param name="feed">Carries "this person's profile changed" to the person's other tabs; without it (or a person) tabs do not hear each other.</param>
    public ProfileState(ProfileStore store, ConceptStore concepts, EventLog events, IChangeFeed? feed = null, CurrentPerson? person = null)
    {
        (this.store, this.concepts, this.events, _feed, _person) = (store, concepts, events, feed, person);
        if (feed is not null && person is not null) _subscription = feed.Subscribe(Topic, person.OwnerIdAsync, OnPublishedAsync);
    }

    public void Dispose() => _subscription?.Dispose();

    public Profile? Active { get; private set; }
    public IReadOnlyList<Concept> Concepts => Active?.Concepts ?? [];
    /// <summary>Concept texts the last "Why this?" found reflected in an answer (highlighted in the drawer).</summary>
    public IReadOnlySet<string> Highlighted { get; private set; } = new HashSet<string>();
    /// <summary>The session open in this circuit's workspace, if any: session-scoped concepts belong to it. The workspace sets it.</summary>
    public Guid? OpenSessionId { get; set; }
    private readonly Notifier _changed = new();
    private readonly Notifier<string> _edited = new();

    /// <summary>Tells <paramref name="onChange"/> whenever the profile shown changed (reload, edit, another tab); dispose to stop.</summary>
    public IDisposable Subscribe(Func<Task> onChange) => _changed.Subscribe(onChange);

    /// <summary>The person changed a concept (not just a reload): live steering listens to this. The argument says what changed.</summary>
    public IDisposable SubscribeEdited(Func<string, Task> onEdit) => _edited.Subscribe(onEdit);

    public async Task EnsureLoadedAsync()
    {
        if (Active is null) await ReloadAsync();
    }

    public async Task ReloadAsync()
    {
        Active = _pinned is { } id ? await store.GetAsync(id) ?? await store.GetActiveAsync() : await store.GetActiveAsync();
        await NotifyAsync();
    }

    private Guid? _pinned;

    /// <summary>
    /// Makes this circuit use one profile whatever is active elsewhere (a study participant's own profile).
    /// Other tabs and the app's active profile are unaffected.
    /// </summary>
    public async Task PinAsync(Guid profileId)
    {
        _pinned = profileId;
        await ReloadAsync();
    }

    /// <summary>The profile that steers this circuit's answers.</summary>
    public async Task<Profile> CurrentAsync()
    {
        await EnsureLoadedAsync();
        return Active!;
    }

    /// <summary>Makes another profile the active one (it steers the next answers) and reloads.</summary>
    public async Task SwitchAsync(Guid profileId)
    {
        await store.SetActiveAsync(profileId);
        await events.RecordAsync(EventTypes.Profiles.Switch, null, profileId);
        await ReloadAsync();
        await PublishAsync(profileId);
    }

    /// <summary>Creates an empty profile and makes it the active one.</summary>
    public async Task<Profile> CreateAsync(string name)
    {
        var created = await store.CreateAsync(name);
        await events.RecordAsync(EventTypes.Profiles.Create, null, created.Id, new { created.Name });
        await SwitchAsync(created.Id);
        return created;
    }

    /// <summary>Renames the active profile.</summary>
    /// <returns>The name it got (" (2)" etc. when taken).</returns>
    public async Task<string> RenameAsync(string name)
    {
        var profile = await CurrentAsync();
        var saved = await store.RenameAsync(profile.Id, name);
        await events.RecordAsync(EventTypes.Profiles.Rename, null, profile.Id, new { from = profile.Name, to = saved });
        await ReloadAsync();
        await PublishAsync(profile.Id);
        return saved;
    }

    /// <summary>Copies the active profile and makes the copy the active one.</summary>
    public async Task<Profile> DuplicateAsync(string name)
    {
        var source = await CurrentAsync();
        var copy = await store.DuplicateAsync(source.Id, name);
        await events.RecordAsync(EventTypes.Profiles.Duplicate, null, copy.Id, new { sourceId = source.Id, copy.Name });
        await SwitchAsync(copy.Id);
        return copy;
    }

    /// <summary>Deletes the active profile (never the last one: the store refuses); another profile becomes active.</summary>
    public async Task DeleteActiveAsync()
    {
        var profile = await CurrentAsync();
        var owner = await store.DeleteProfileAsync(profile.Id);
        // Logged once it is gone, so a refused delete logs nothing; the owner is passed, as the profile row is gone.
        await events.RecordForAsync(owner, EventTypes.Profiles.Delete, null, profile.Id, new { profile.Name, concepts = profile.Concepts.Count });
        await ReloadAsync();
        await PublishAsync(profile.Id);
    }

    /// <returns>null on success, otherwise the reason to show.</returns>
    public async Task<string?> AddAsync(string text, string category)
    {
        if (ConceptStore.CheckText(text) is { } error) return error;
        await EnsureLoadedAsync();
        if (Concepts.Any(c => string.Equals(c.Text, text.Trim(), StringComparison.OrdinalIgnoreCase)))
            return $"\"{text.Trim()}\" is already in your profile.";
        Concept concept;
        try { concept = await concepts.AddAsync(Active!.Id, text, category, ConceptSource.Stated); }
        catch (ProfileFullException full) { return full.Message; }
        await events.RecordAsync(EventTypes.Concepts.Add, null, Active.Id, new { conceptId = concept.Id, concept.Text, concept.Category });
        await ReloadAsync();
        await NotifyEditedAsync($"added \"{concept.Text}\"");
        return null;
    }

    /// <returns>null on success, otherwise the reason to show.</returns>
    public async Task<string?> UpdateAsync(Concept changed, string action)
    {
        if (ConceptStore.CheckText(changed.Text) is { } error) return error;
        var saved = await concepts.UpdateAsync(changed);
        await events.RecordAsync(EventTypes.Concepts.Of(action), null, saved.ProfileId,
            new { conceptId = saved.Id, saved.Text, saved.Category, saved.Weight, saved.Enabled });
        await ReloadAsync();
        await NotifyEditedAsync($"{action} \"{saved.Text}\"");
        return null;
    }

    public Task<string?> ToggleAsync(Concept concept, bool enabled)
    {
        var changed = ConceptStore.Copy(concept);
        changed.Enabled = enabled;
        return UpdateAsync(changed, enabled ? "enable" : "disable");
    }

    /// <returns>A copy of the deleted concept, for undo.</returns>
    public async Task<Concept> DeleteAsync(Concept concept)
    {
        var copy = ConceptStore.Copy(concept);
        if (await store.GetAsync(concept.ProfileId) is null) return copy; // not this person's profile: nothing to delete, nothing to log
        await concepts.DeleteAsync(concept.Id);
        await events.RecordAsync(EventTypes.Concepts.Delete, null, concept.ProfileId, new { conceptId = concept.Id, concept.Text });
        await ReloadAsync();
        await NotifyEditedAsync($"deleted \"{concept.Text}\"");
        return copy;
    }

    public async Task UndoDeleteAsync(Concept deleted)
    {
        await concepts.RestoreAsync(deleted);
        await events.RecordAsync(EventTypes.Concepts.Restore, null, deleted.ProfileId, new { conceptId = deleted.Id, deleted.Text });
        await ReloadAsync();
        await NotifyEditedAsync($"restored \"{deleted.Text}\"");
    }

    public Task HighlightAsync(IEnumerable<string> conceptTexts)
    {
        Highlighted = conceptTexts.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return NotifyAsync();
    }

    private async Task NotifyEditedAsync(string what)
    {
        if (Active is { } profile) await PublishAsync(profile.Id);
        await _edited.NotifyAsync(what);
    }

    // Heard by the same person's tabs only (the feed is scoped to the owner); the payload names the tab, which ignores its own.
    private async Task PublishAsync(Guid profileId)
    {
        if (_feed is null || _person is null) return;
        await _feed.PublishAsync(Topic, await _person.OwnerIdAsync(), $"{profileId}|{_tab}");
    }

    private async Task OnPublishedAsync(string payload)
    {
        if (payload.Split('|') is not [var profile, var tab] || tab == _tab.ToString() || Active is null) return;
        // A pinned circuit (a participant's own profile) follows only edits of that profile; others also follow a switch.
        if (_pinned is null || Guid.TryParse(profile, out var id) && id == Active.Id) await ReloadAsync();
    }

    private Task NotifyAsync() => _changed.NotifyAsync();
}
