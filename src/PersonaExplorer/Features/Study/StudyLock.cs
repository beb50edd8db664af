using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study;

/// <summary>
/// What may change once a study is open: only its name, description and redirect URL. Everything that shapes what
/// participants see or how their data is interpreted (design, counterbalancing, conditions, tasks, questionnaires,
/// consent text, completion code) is locked, so data collected before and after an edit stays comparable.
/// </summary>
public static class StudyLock
{
    public const string Message =
        "This study is open, so its design is locked: participants' data was (or is being) collected under it. " +
        "You can still change the name, description and redirect URL. Close the study and create a copy to change the design.";

    public static bool IsDesignLocked(StudyStatus status) => status != StudyStatus.Draft;

    /// <returns>The locked parts that differ between the stored study and the edited one (empty = the edit is allowed).</returns>
    public static IReadOnlyList<string> Violations(ResearchStudy stored, ResearchStudy edited)
    {
        if (!IsDesignLocked(stored.Status)) return [];
        var v = new List<string>();
        if (stored.Design != edited.Design) v.Add("design");
        if (stored.RotateTaskOrder != edited.RotateTaskOrder) v.Add("task-order rotation");
        if (stored.ConsentText != edited.ConsentText) v.Add("consent text");
        if (stored.CompletionCode != edited.CompletionCode) v.Add("completion code");
        if ((stored.TlxAfterEachTask, stored.SusAfterEachTask, stored.TlxAtEnd, stored.SusAtEnd)
            != (edited.TlxAfterEachTask, edited.SusAfterEachTask, edited.TlxAtEnd, edited.SusAtEnd)) v.Add("questionnaires");
        if (!Same(stored.Tasks, edited.Tasks, t => (t.Id, t.Order, t.Title, t.Instructions, t.TimeLimitMinutes, t.SeedRequest ?? ""))) v.Add("tasks");
        if (!Same(stored.Conditions, edited.Conditions, c => (c.Id, c.Order, c.Name, c.Features, c.Model ?? "", c.SystemPrompt ?? ""))) v.Add("conditions");
        if (!Same(stored.Questions, edited.Questions, q => (q.Id, q.Order, q.Scope, q.Kind, q.Text, q.Points, q.LowLabel ?? "", q.HighLabel ?? ""))) v.Add("custom questions");
        return v;
    }

    private static bool Same<T, TKey>(IEnumerable<T> a, IEnumerable<T> b, Func<T, TKey> key) =>
        a.Select(key).OrderBy(k => k).SequenceEqual(b.Select(key).OrderBy(k => k));

    /// <returns>null when the study can be opened, else what is missing.</returns>
    public static string? CanOpen(ResearchStudy study)
    {
        var missing = new List<string>();
        if (study.Tasks.Count == 0) missing.Add("at least one task");
        if (study.Conditions.Count == 0) missing.Add("at least one condition");
        if (string.IsNullOrWhiteSpace(study.ConsentText)) missing.Add("consent text");
        if (string.IsNullOrWhiteSpace(study.CompletionCode)) missing.Add("a completion code");
        if (study.Tasks.Any(t => string.IsNullOrWhiteSpace(t.Title))) missing.Add("a title for every task");
        if (study.Conditions.Any(c => string.IsNullOrWhiteSpace(c.Name))) missing.Add("a name for every condition");
        return missing.Count == 0 ? null : "To open the study it needs " + string.Join(", ", missing) + ".";
    }
}
