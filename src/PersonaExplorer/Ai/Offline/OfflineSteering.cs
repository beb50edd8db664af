namespace PersonaExplorer.Ai.Offline;

/// <summary>What one concept did to the suggestions: the options it brought in and the ones it dropped.</summary>
public sealed record ConceptEffect(ConceptReading Concept, IReadOnlyList<OfflineOption> Added, IReadOnlyList<OfflineOption> Dropped);

/// <summary>The suggestions for a task family under a profile, with what each concept changed against the generic ones.</summary>
public sealed record SteeredOptions(IReadOnlyList<OfflineOption> Chosen, IReadOnlyList<OfflineOption> Generic, IReadOnlyList<ConceptEffect> Effects);

/// <summary>
/// How concepts steer the demo model's suggestions, one rule for every family: an option that conflicts with a concept
/// (tagged against its stance) is dropped, an option that suits it is moved forward, and the best three are offered.
/// </summary>
public static class OfflineSteering
{
    public const int Count = 3;

    public static SteeredOptions Choose(TaskFamily family, IReadOnlyList<ConceptReading> concepts, int count = Count)
    {
        var steering = concepts.Where(c => c.Direction != 0).ToList();
        var generic = family.Options.Take(count).ToList();
        var ranked = family.Options
            .Select((o, i) => (Option: o, Index: i, Conflicts: steering.Count(c => Fit(o, c) < 0), Fit: steering.Sum(c => Fit(o, c) * Math.Abs(c.Weight))))
            .OrderBy(x => x.Conflicts).ThenByDescending(x => x.Fit).ThenBy(x => x.Index)
            .Take(count).Select(x => x.Option).ToList();

        var effects = concepts.Select(c => new ConceptEffect(c,
            ranked.Where(o => !generic.Contains(o) && Fit(o, c) > 0).ToList(),
            generic.Where(o => !ranked.Contains(o) && Fit(o, c) < 0).ToList())).ToList();
        return new SteeredOptions(ranked, generic, effects);
    }

    /// <summary>+1 when the option suits the concept, -1 when it conflicts, 0 when unrelated.</summary>
    public static int Fit(OfflineOption option, ConceptReading concept)
    {
        if (concept.Direction == 0 || concept.Family is not { } f) return 0;
        var suits = f.Tags.Any(option.Tags.Contains);
        var clashes = f.Opposite.Any(option.Tags.Contains);
        var raw = suits && !clashes ? 1 : clashes && !suits ? -1 : 0;
        return raw * concept.Direction;
    }
}
