namespace PersonaExplorer.Ai.Agents;

/// <summary>Agent names as stored in traces, shown in status indicators and used as <c>data-agent</c>.</summary>
public static class AgentNames
{
    public const string Inquiry = "inquiry";
    public const string Needs = "needs";
    public const string Solutions = "solutions";
    public const string Ranker = "ranker";
    public const string Planner = "planner";
    public const string Responder = "responder";
    public const string Attribution = "attribution";
    public const string Curator = "curator";
    public const string TextBuilder = "text-builder";

    /// <summary>The panel agents of one turn, in display order.</summary>
    public static IReadOnlyList<string> PanelAgents { get; } = [Inquiry, Needs, Planner, Solutions, Ranker];

    public static string Label(string agent) => agent switch
    {
        Inquiry => "Clarifying questions",
        Needs => "Needs analyst",
        Solutions => "Solution designer",
        Ranker => "Ranker / critic",
        Planner => "Task planner",
        Responder => "Chat answer",
        Attribution => "Why this? (attribution)",
        Curator => "Profile curator",
        TextBuilder => "Build from my text",
        _ => agent,
    };
}
