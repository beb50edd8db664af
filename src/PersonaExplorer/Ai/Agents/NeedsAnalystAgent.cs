using System.ComponentModel;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PersonaExplorer.Data;

namespace PersonaExplorer.Ai.Agents;

[Description("The user's needs found in the conversation: explicit (stated) and implicit (inferred).")]
public sealed record NeedsAnalysis : IAgentResult
{
    public const int MaxNeeds = 8;

    public List<ProposedNeed> Needs { get; set; } = [];

    public string? Normalize()
    {
        Needs = Needs
            .Where(n => !string.IsNullOrWhiteSpace(n.Statement))
            .Select(n => n with
            {
                Statement = n.Statement.Trim(),
                Evidence = n.Evidence.Trim(),
                Confidence = Math.Clamp(n.Confidence, 0, 1),
                Priority = Math.Clamp(n.Priority, 1, 5),
            })
            .DistinctBy(n => n.Statement.ToLowerInvariant())
            .Take(MaxNeeds).ToList();
        return null;
    }
}

public sealed record ProposedNeed
{
    [Description("Short statement of the need, at most 12 words.")]
    public string Statement { get; set; } = "";
    [Description("explicit = the user stated it; implicit = inferred from what the user said.")]
    public NeedKind Kind { get; set; }
    [Description("A short quote from the user's messages that supports the need.")]
    public string Evidence { get; set; } = "";
    [Description("0 to 1: how sure the need is real.")]
    public double Confidence { get; set; }
    [Description("Suggested priority, 1 (highest) to 5 (lowest).")]
    public int Priority { get; set; } = 3;
}

/// <summary>Finds explicit and implicit needs with evidence, confidence and a suggested priority.</summary>
public sealed class NeedsAnalystAgent(AgentRunner runner)
{
    public const string Instructions =
        """
        You are the needs analyst of an assistant for exploratory tasks. From the conversation, list the user's needs:
        explicit needs the user stated, and implicit needs you can reasonably infer from what they said (for example,
        travelling with small children implies child-friendly places and a slower pace). For each need give a short
        statement, a short evidence quote copied from the user's messages, a confidence between 0 and 1 and a suggested
        priority from 1 (highest) to 5. Do not repeat needs already listed in <confirmed_needs> or <proposed_needs>, and
        never propose again a need listed in <rejected_needs>, not even reworded. Never infer sensitive attributes
        (health, religion, ethnicity, sexual orientation, politics); mention them only when the user stated them.
        """;

    public static List<ChatMessage> BuildMessages(AgentInput input, AgentOptions options) =>
        AgentPrompt.Compose(Instructions, [AgentPrompt.Profile(input.Context), .. AgentPrompt.Needs(input)],
            input, options.ConversationWindow, options.MaxMessageChars,
            "List the user's new explicit and implicit needs.");

    public Task<AgentOutcome<NeedsAnalysis>> RunAsync(AgentInput input, CancellationToken ct) =>
        runner.RunAsync<NeedsAnalysis>(AgentNames.Needs, BuildMessages(input, runner.Options), ct, runner.ClientFor(input.Context.Model));
}
