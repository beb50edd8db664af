using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;

namespace PersonaExplorer.Features.Study.Simulation;

/// <summary>
/// Seam for workspace actions beyond chat (confirm/reject needs, pick options, use the profile drawer): the CARE work
/// registers implementations; each runs after every simulated chat turn with the condition's features.
/// </summary>
public interface ISimulatedWorkspaceActions
{
    Task ActAsync(SimulationContext context, CancellationToken ct);
}

public sealed record SimulationContext(IServiceProvider Services, ExploreState Workspace, WorkspaceFeatures Features, string Profile, StudyTask Task, IChatClient Chat);

public sealed record SimulationProgress(int Done, int Total, string Status);

/// <summary>
/// Runs simulated participants through the same services a real participant uses (ParticipantFlow for consent, tasks and
/// questionnaires; ExploreState in its own scope for the chat, so events are logged and tagged exactly as for people).
/// Simulated participants are flagged (pseudonyms S001…), shown separately on the dashboard and left out of exports by default.
/// </summary>
public sealed class SimulatedParticipantRunner(IServiceScopeFactory scopes, StudyStore store, ParticipantFlow flow, IChatClient chat,
    AgentRunner runner, Microsoft.Extensions.Options.IOptions<SimulatorOptions> simulatorOptions, ILogger<SimulatedParticipantRunner> logger)
{
    public const int MaxParticipants = 50;

    public static readonly IReadOnlyList<(string Name, string Profile)> Presets =
    [
        ("Enthusiastic expert", "Enthusiastic, tech-savvy traveller who likes detailed options. Curious about new tools and patient with long answers."),
        ("Impatient novice", "Impatient novice who dislikes long answers and wants one clear recommendation quickly. Busy and a little sceptical of AI."),
        ("Budget student", "Student on a tight budget who prefers vegetarian food and public transport. Plans carefully."),
    ];

    public async Task<IReadOnlyList<string>> RunAsync(Guid studyId, int count, string profile, IProgress<SimulationProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxParticipants);
        if (string.IsNullOrWhiteSpace(profile)) throw new ArgumentException("A simulator needs a profile.", nameof(profile));
        var participants = await store.GenerateAsync(studyId, count, ParticipantKind.Simulated, simulatorProfile: profile.Trim(), ct: ct);
        var done = new List<string>();
        foreach (var p in participants)
        {
            progress?.Report(new(done.Count, count, $"{p.Pseudonym}: starting"));
            await RunOneAsync(p.Code, profile, ct);
            done.Add(p.Pseudonym);
            progress?.Report(new(done.Count, count, $"{p.Pseudonym}: done"));
        }
        return done;
    }

    public async Task RunOneAsync(string code, string profile, CancellationToken ct)
    {
        var simulator = new UserSimulator(runner, simulatorOptions.Value.Model);
        if (await flow.ConsentAsync(code, ct) is { } refused) throw new InvalidOperationException(refused);
        for (var guard = 0; guard < 200; guard++)
        {
            var view = await flow.FindAsync(code, ct) ?? throw new InvalidOperationException("The participant disappeared.");
            switch (view.Phase)
            {
                case ParticipantPhase.Done:
                    return;
                case ParticipantPhase.Instructions:
                    await flow.RecordAsync(code, EventTypes.Study.InstructionsShown, null, ct);
                    await flow.StartTaskAsync(code, view.Participant.TrialIndex, ct);
                    break;
                case ParticipantPhase.Workspace:
                    await WorkAsync(view, code, profile, simulator, ct);
                    await flow.FinishTaskAsync(code, view.Participant.TrialIndex, ct);
                    break;
                case ParticipantPhase.TaskQuestionnaire or ParticipantPhase.EndQuestionnaire:
                    var answers = await simulator.AnswerAsync(profile, view.Questionnaire, ct);
                    if (await flow.SubmitQuestionnaireAsync(code, answers, view.Phase, view.Participant.TrialIndex, ct) is { } error) throw new InvalidOperationException(error);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected phase {view.Phase}.");
            }
        }
        throw new InvalidOperationException("The simulated participant did not finish.");
    }

    /// <summary>A stalled answer does not hold the simulated participant for ever; it moves on as a person would.</summary>
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(60);

    private async Task WorkAsync(ParticipantView view, string code, string profile, UserSimulator simulator, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        // A simulated participant is a participant: their own owner and their own profile, never the researcher's.
        scope.ServiceProvider.GetRequiredService<Accounts.Ownership.CurrentPerson>().ActAs(ParticipantFlow.ParticipantOwner(view.Participant));
        if (await flow.EnsureProfileAsync(code, ct) is { } profileId)
            await scope.ServiceProvider.GetRequiredService<Profiles.ProfileState>().PinAsync(profileId);
        var workspace = scope.ServiceProvider.GetRequiredService<ExploreState>();
        var features = scope.ServiceProvider.GetRequiredService<WorkspaceFeatures>();
        var steering = scope.ServiceProvider.GetRequiredService<LiveSteering>();
        await features.ApplyAsync(view.Condition?.Features ?? StudyFeatures.ChatOnly, view.Condition?.Model, view.Condition?.SystemPrompt);
        await workspace.LoadAsync(view.Trial!.SessionId);
        var actions = scope.ServiceProvider.GetServices<ISimulatedWorkspaceActions>().ToList();
        // The same protocol as a person's page: the seed request first, and no more turns once the time is up.
        var turn = 0;
        if (ParticipantFlow.SeedRequest(view, workspace.Messages.Count > 0) is { } seed)
        {
            if (!await TurnAsync(seed)) return;
            turn = 1;
        }
        for (; turn < UserSimulator.MaxTurns && !flow.TimeIsUp(view); turn++)
        {
            var next = await simulator.NextTurnAsync(profile, view.Task!, workspace.Messages, turn, ct);
            if (!await TurnAsync(next.Message) || next.Done) break;
        }

        async Task<bool> TurnAsync(string message)
        {
            if (await workspace.SendAsync(message) is { } error)
            {
                logger.LogWarning("Simulated message refused: {Error}", error);
                return false;
            }
            await Task.WhenAny(workspace.Answer, Task.Delay(AnswerWait, ct));
            foreach (var action in actions)
                await action.ActAsync(new SimulationContext(scope.ServiceProvider, workspace, features, profile, view.Task!, chat), ct);
            // A live-steering condition regenerates the answer after the actions (a confirmed need): let it finish, as a person would read it.
            await Task.WhenAny(steering.Pending, Task.Delay(AnswerWait, ct));
            await Task.WhenAny(workspace.Answer, Task.Delay(AnswerWait, ct));
            return true;
        }
    }
}
