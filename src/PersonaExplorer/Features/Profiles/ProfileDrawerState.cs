namespace PersonaExplorer.Features.Profiles;

/// <summary>Whether the profile drawer is open: the app bar button and the chat's proposal chip both open it.</summary>
public sealed class ProfileDrawerState
{
    public bool IsOpen { get; private set; }
    public event Action? Changed;

    public void Set(bool open)
    {
        if (IsOpen == open) return;
        IsOpen = open;
        Changed?.Invoke();
    }
}
