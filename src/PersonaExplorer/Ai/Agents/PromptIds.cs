namespace PersonaExplorer.Ai.Agents;

/// <summary>
/// Short ids a prompt gives to the items a model may refer to — needs (n1…), profile concepts (c1…), sub-tasks (t1…) —
/// so a structured answer names an id instead of copying text that would have to match exactly. Ids are resolved in
/// code; an id the prompt did not give is dropped and reported (the caller logs it).
/// </summary>
public sealed class PromptIds<T>
{
    public const string NeedPrefix = "n";
    public const string ConceptPrefix = "c";
    public const string SubTaskPrefix = "t";

    private readonly Dictionary<string, T> _byId;

    public PromptIds(string prefix, IEnumerable<T> items)
    {
        Entries = items.Select((item, i) => (Id: $"{prefix}{i + 1}", Item: item)).ToList();
        _byId = Entries.ToDictionary(e => e.Id, e => e.Item, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The items in prompt order with their ids.</summary>
    public IReadOnlyList<(string Id, T Item)> Entries { get; }

    public bool TryResolve(string? id, out T item)
    {
        item = default!;
        return id is not null && _byId.TryGetValue(Clean(id), out item!);
    }

    /// <summary>The items these ids name, in the given order, each once; ids the prompt did not give go to <paramref name="unknown"/>.</summary>
    public List<T> Resolve(IEnumerable<string> ids, ICollection<string> unknown)
    {
        var found = new List<T>();
        foreach (var id in ids.Select(Clean).Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (_byId.TryGetValue(id, out var item)) found.Add(item);
            else unknown.Add(id);
        }
        return found;
    }

    // Models sometimes wrap an id in quotes, brackets or a trailing colon ("[n2]", "n2:").
    private static string Clean(string id) => id.Trim().Trim('"', '\'', '[', ']', '(', ')', ':', '.', ' ');
}
