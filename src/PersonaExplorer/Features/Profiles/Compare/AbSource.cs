using PersonaExplorer.Ai;
using PersonaExplorer.Features.Profiles.Versions;
using PersonaExplorer.Features.Profiles.Steering;

namespace PersonaExplorer.Features.Profiles.Compare;

/// <summary>Turns "profile X, current" or "profile X, version N" into the concepts its prompt would carry for this model.</summary>
public sealed class AbSource(SteeringConcepts store, ProfileVersions versions, ModelInfo model)
{
    /// <param name="version">0 = the current concepts.</param>
    public async Task<CompareSide> ResolveAsync(Guid profileId, int version, string profileName, CancellationToken ct = default)
    {
        if (version <= 0)
            return new CompareSide(profileName, await store.PromptConceptsAsync(profileId, null, model, ct));
        var concepts = await versions.ConceptsAsync(profileId, version, ct) ?? throw new InvalidOperationException($"Version {version} does not exist.");
        return new CompareSide($"{profileName} v{version}", SteeringConcepts.SelectPromptConcepts(concepts, null, model));
    }
}
