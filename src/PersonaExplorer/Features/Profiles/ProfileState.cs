using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Profiles;

/// <summary>The active profile as the drawer shows it; shared by the components of one circuit, with change notification.</summary>
public sealed class ProfileState(ProfileStore store, EventLog events)
{
    public Profile? Active { get; private set; }
    public IReadOnlyList<Concept> Concepts => Active?.Concepts ?? [];
    /// <summary>Concept texts the last "Why this?" found reflected in an answer (highlighted in the drawer).</summary>
    public IReadOnlySet<string> Highlighted { get; private set; } = new HashSet<string>();
    /// <summary>The session open in this circuit's workspace, if any: session-scoped concepts belong to it. The workspace sets it.</summary>
    public Guid? OpenSessionId { get; set; }
    public event Func<Task>? Changed;
    /// <summary>The person changed a concept (not just a reload): live steering listens to this. The argument says what changed.</summary>
    public event Func<string, Task>? Edited;

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
        await events.RecordAsync("profile.switch", null, profileId);
        await ReloadAsync();
    }

    /// <returns>null on success, otherwise the reason to show.</returns>
    public async Task<string?> AddAsync(string text, string category)
    {
        if (ProfileStore.CheckText(text) is { } error) return error;
        await EnsureLoadedAsync();
        if (Concepts.Any(c => string.Equals(c.Text, text.Trim(), StringComparison.OrdinalIgnoreCase)))
            return $"\"{text.Trim()}\" is already in your profile.";
        Concept concept;
        try { concept = await store.AddAsync(Active!.Id, text, category, ConceptSource.Stated); }
        catch (ProfileFullException full) { return full.Message; }
        await events.RecordAsync("concept.add", null, Active.Id, new { conceptId = concept.Id, concept.Text, concept.Category });
        await ReloadAsync();
        await NotifyEditedAsync($"added \"{concept.Text}\"");
        return null;
    }

    /// <returns>null on success, otherwise the reason to show.</returns>
    public async Task<string?> UpdateAsync(Concept changed, string action)
    {
        if (ProfileStore.CheckText(changed.Text) is { } error) return error;
        var saved = await store.UpdateAsync(changed);
        await events.RecordAsync($"concept.{action}", null, saved.ProfileId,
            new { conceptId = saved.Id, saved.Text, saved.Category, saved.Weight, saved.Enabled });
        await ReloadAsync();
        await NotifyEditedAsync($"{action} \"{saved.Text}\"");
        return null;
    }

    public Task<string?> ToggleAsync(Concept concept, bool enabled)
    {
        var changed = ProfileStore.Copy(concept);
        changed.Enabled = enabled;
        return UpdateAsync(changed, enabled ? "enable" : "disable");
    }

    /// <returns>A copy of the deleted concept, for undo.</returns>
    public async Task<Concept> DeleteAsync(Concept concept)
    {
        var copy = ProfileStore.Copy(concept);
        await store.DeleteAsync(concept.Id);
        await events.RecordAsync("concept.delete", null, concept.ProfileId, new { conceptId = concept.Id, concept.Text });
        await ReloadAsync();
        await NotifyEditedAsync($"deleted \"{concept.Text}\"");
        return copy;
    }

    public async Task UndoDeleteAsync(Concept deleted)
    {
        await store.RestoreAsync(deleted);
        await events.RecordAsync("concept.restore", null, deleted.ProfileId, new { conceptId = deleted.Id, deleted.Text });
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
        if (Edited is { } handlers)
            foreach (var h in handlers.GetInvocationList().Cast<Func<string, Task>>())
                await h(what);
    }

    private async Task NotifyAsync()
    {
        if (Changed is { } handlers)
            foreach (var h in handlers.GetInvocationList().Cast<Func<Task>>())
                await h();
    }
}
