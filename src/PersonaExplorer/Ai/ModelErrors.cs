namespace PersonaExplorer.Ai;

// PLACEHOLDER (replaced by the ai branch).
public static class ModelErrors
{
    public static string Describe(Exception ex, bool userCancelled) => userCancelled ? "Stopped." : "The model call failed: " + ex.GetType().Name;
}
