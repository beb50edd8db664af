using PersonaExplorer.Data;
using PersonaExplorer.Data.Changes;

namespace PersonaExplorer.Features;

/// <summary>
/// Which workspace features this circuit shows (scoped). Normal use: everything on. A study participant's page sets
/// it from the condition (<see cref="Apply"/>): panels whose flag is off must not be rendered at all — absent, not greyed.
/// Chat is always on.
/// </summary>
public sealed class WorkspaceFeatures
{
    public bool NeedsPanel { get; private set; } = true;
    public bool Solutions { get; private set; } = true;
    public bool TaskBreakdown { get; private set; } = true;
    public bool ProfileDrawer { get; private set; } = true;
    public bool LiveSteering { get; private set; } = true;
    public bool Proposals { get; private set; } = true;

    /// <summary>True inside a study: the workspace belongs to a participant (no session list, no example prompts).</summary>
    public bool InStudy { get; private set; }
    /// <summary>Per-condition model (deployment/model name) to use instead of the default, when set.</summary>
    public string? Model { get; private set; }
    /// <summary>Per-condition extra system prompt, when set.</summary>
    public string? SystemPrompt { get; private set; }

    /// <summary>Any CARE panel shown: only then do the panel agents (and clarifying questions) run; "chat only" is a plain chatbot.</summary>
    public bool CarePanels => NeedsPanel || Solutions || TaskBreakdown;

    private readonly Notifier _changed = new();

    /// <summary>Tells <paramref name="onChange"/> when a study condition changes the features; dispose to stop.</summary>
    public IDisposable Subscribe(Func<Task> onChange) => _changed.Subscribe(onChange);

    public StudyFeatures Flags =>
        (NeedsPanel ? StudyFeatures.NeedsPanel : 0) | (Solutions ? StudyFeatures.Solutions : 0) | (TaskBreakdown ? StudyFeatures.TaskBreakdown : 0) |
        (ProfileDrawer ? StudyFeatures.ProfileDrawer : 0) | (LiveSteering ? StudyFeatures.LiveSteering : 0) | (Proposals ? StudyFeatures.Proposals : 0);

    public async Task ApplyAsync(StudyFeatures features, string? model = null, string? systemPrompt = null)
    {
        NeedsPanel = features.HasFlag(StudyFeatures.NeedsPanel);
        Solutions = features.HasFlag(StudyFeatures.Solutions);
        TaskBreakdown = features.HasFlag(StudyFeatures.TaskBreakdown);
        ProfileDrawer = features.HasFlag(StudyFeatures.ProfileDrawer);
        LiveSteering = features.HasFlag(StudyFeatures.LiveSteering);
        Proposals = features.HasFlag(StudyFeatures.Proposals);
        InStudy = true;
        Model = model;
        SystemPrompt = systemPrompt;
        await _changed.NotifyAsync();
    }

    /// <summary>Labels for the editor and exports.</summary>
    public static string Describe(StudyFeatures f) =>
        f == StudyFeatures.ChatOnly ? "chat only"
            : "chat + " + string.Join(" + ", Enum.GetValues<StudyFeatures>()
                .Where(x => x is not (StudyFeatures.ChatOnly or StudyFeatures.All) && f.HasFlag(x)).Select(Label));

    public static string Label(StudyFeatures f) => f switch
    {
        StudyFeatures.NeedsPanel => "needs panel",
        StudyFeatures.Solutions => "solutions",
        StudyFeatures.TaskBreakdown => "task breakdown",
        StudyFeatures.ProfileDrawer => "profile drawer",
        StudyFeatures.LiveSteering => "live steering",
        StudyFeatures.Proposals => "proposals",
        _ => f.ToString(),
    };
}
