namespace PersonaExplorer.Tests.TestSupport;

/// <summary>
/// A traveller's profile of 30 concepts: the size the token budget is set for. Shared by the token-budget test and the
/// growth benchmark (linked into it), so both count the same turn.
/// </summary>
public static class SampleProfiles
{
    public static readonly string[] ThirtyConcepts =
    [
        "prefers vegetarian food", "budget-conscious", "dislikes long flights", "likes museums", "prefers trains",
        "enjoys hiking", "not a morning person", "travels with a small child", "likes quiet places", "prefers local cafés",
        "avoids crowded tourist spots", "interested in architecture", "likes street food", "prefers walking over taxis",
        "enjoys live music", "allergic to nuts", "likes photography", "prefers boutique hotels", "enjoys wine tasting",
        "interested in history", "likes beaches", "prefers short answers", "likes detailed itineraries", "enjoys markets",
        "prefers public transport", "likes gardens and parks", "dislikes spicy food", "enjoys cycling", "likes bookshops",
        "prefers early dinners",
    ];
}
