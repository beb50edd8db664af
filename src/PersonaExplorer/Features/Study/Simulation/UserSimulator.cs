using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Ai.Structured;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study.Simulation;

/// <summary>The simulator's next chat message.</summary>
public sealed record SimulatedTurn(string Message, bool Done) : IAgentResult
{
    public string? Normalize() => string.IsNullOrWhiteSpace(Message) ? "the message was empty" : null;
}

/// <summary>The simulator's questionnaire answers: one per item id.</summary>
public sealed record SimulatedQuestionnaire(List<SimulatedAnswer> Answers) : IAgentResult
{
    public string? Normalize() => Answers is null ? "answers were missing" : null;
}

public sealed record SimulatedAnswer(string Id, double? Value, string? Text);

/// <summary>
/// A RecLLM-style user simulator: an LLM role-plays a participant described by a natural-language profile. It writes
/// chat turns for a task and fills questionnaires. Answers are clamped to each item's valid range, so a sloppy model
/// cannot write invalid data. With the offline model the responses are deterministic (<see cref="OfflineSimulatorResponder"/>).
/// A model that gives no usable turn fails the run loudly: an invented turn would be recorded as a participant's.
/// </summary>
/// <param name="modelName">The simulator's own model (Study:Simulator:Model), or null for the configured one.</param>
public sealed class UserSimulator(AgentRunner runner, string? modelName = null)
{
    private readonly IChatClient model = runner.ClientFor(string.IsNullOrWhiteSpace(modelName) ? null : modelName.Trim());

    public const string AgentName = "simulator";

    public const int MaxTurns = 3;

    public async Task<SimulatedTurn> NextTurnAsync(string profile, StudyTask task, IReadOnlyList<Message> conversation, int turn, CancellationToken ct)
    {
        var prompt = new StringBuilder()
            .AppendLine("You are simulating a participant in a user study of an AI assistant. Stay in character.")
            .AppendLine("<participant_profile>").AppendLine(profile).AppendLine("</participant_profile>")
            .AppendLine($"<task title=\"{task.Title}\">").AppendLine(task.Instructions).AppendLine("</task>")
            .AppendLine($"This is your turn {turn + 1} of at most {MaxTurns}. Write your next message to the assistant; set done=true when the task is complete.")
            .ToString();
        var messages = new List<ChatMessage> { new(ChatRole.System, prompt) };
        // Roles flip: to the simulator, the assistant's answers are what "the user" (the other side) said.
        messages.AddRange(conversation.Select(m => new ChatMessage(m.Role == MessageRole.User ? ChatRole.Assistant : ChatRole.User, m.Content)));
        var outcome = await runner.RunAsync<SimulatedTurn>(AgentName, messages, ct, model, CallKind.Simulator);
        var result = outcome.Result ?? throw Failed("turn", outcome.Error);
        return result with { Message = result.Message.Length > 2000 ? result.Message[..2000] : result.Message };
    }

    public async Task<Dictionary<string, QuestionnaireResponse>> AnswerAsync(string profile, IReadOnlyList<QuestionnaireItem> items, CancellationToken ct)
    {
        var listing = JsonSerializer.Serialize(items.Select(i => new
        {
            id = i.Id, text = i.Text, kind = i.Type.ToString(),
            scale = i.Type switch { ItemType.Scale0To100 => "0-100 in steps of 5", ItemType.Likert => $"1-{i.Points}", _ => "free text" },
            low = i.LowLabel, high = i.HighLabel,
        }));
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, "You are simulating a study participant filling in a questionnaire about the assistant they just used. Answer every item as this person would.\n" +
                                 $"<participant_profile>\n{profile}\n</participant_profile>"),
            new(ChatRole.User, "<questionnaire>\n" + listing + "\n</questionnaire>"),
        };
        var outcome = await runner.RunAsync<SimulatedQuestionnaire>(AgentName, messages, ct, model, CallKind.Simulator);
        // No answers at all is a failure to report, never a questionnaire of invented mid-scale answers.
        var list = outcome.Result?.Answers ?? throw Failed("questionnaire", outcome.Error);
        var given = list.Where(a => a.Id is not null).GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
        return items.ToDictionary(i => i.Id, i => Clamp(i, given.GetValueOrDefault(i.Id)));
    }

    private InvalidOperationException Failed(string what, string? error) => new(string.IsNullOrWhiteSpace(modelName)
        ? $"The user simulator gave no usable {what}: {error}"
        : $"The user simulator's model \"{modelName.Trim()}\" ({SimulatorOptions.Section}:Model) gave no usable {what}: {error} Check that the configured provider serves this model or deployment.");

    /// <summary>A valid answer for the item whatever the model returned (middle of the scale when missing).</summary>
    public static QuestionnaireResponse Clamp(QuestionnaireItem item, SimulatedAnswer? a) => item.Type switch
    {
        ItemType.Scale0To100 => new(Math.Clamp(Math.Round((a?.Value ?? 50) / 5) * 5, 0, 100)),
        ItemType.Likert => new(Math.Clamp(Math.Round(a?.Value ?? (item.Points + 1) / 2), 1, item.Points)),
        _ => new(null, a?.Text is { Length: > 0 } t ? (t.Length > 4000 ? t[..4000] : t) : null),
    };
}
