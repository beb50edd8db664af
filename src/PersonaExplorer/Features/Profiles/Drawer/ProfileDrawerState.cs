using PersonaExplorer.Data.Changes;

namespace PersonaExplorer.Features.Profiles.Drawer;

/// <summary>Whether the profile drawer is open: the app bar button and the chat's proposal chip both open it.</summary>
public sealed class ProfileDrawerState
{
    public bool IsOpen { get; private set; }
    private readonly Notifier _changed = new();

    public IDisposable Subscribe(Func<Task> onChange) => _changed.Subscribe(onChange);

    public Task SetAsync(bool open)
    {
        if (IsOpen == open) return Task.CompletedTask;
        IsOpen = open;
        return _changed.NotifyAsync();
    }
}
