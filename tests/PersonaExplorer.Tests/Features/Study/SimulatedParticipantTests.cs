using PersonaExplorer.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Features.Study.Dashboard;
using PersonaExplorer.Features.Study.Simulation;

namespace PersonaExplorer.Tests.Features.Study;

/// <summary>Simulated participants on the offline model, through the app's real services: the end-to-end check of the study flow.</summary>
public sealed class SimulatedParticipantTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-sim-").FullName;
    private WebApplicationFactory<Program> _app = default!;

    public async Task InitializeAsync()
    {
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in TestDatabase.HostSettings(_dir)) b.UseSetting(key, value);
            b.UseSetting("Ai:Provider", "Offline");
            b.UseSetting("Ai:OfflineTokenDelayMs", "0");
        });
        _ = _app.Server; // start: runs the migrations
        await Task.CompletedTask;
    }

    /// <summary>Services as a researcher's circuit gets them (stores are scoped to the person).</summary>
    private T Get<T>() where T : notnull => (_researcher ??= Researcher(_app.Services)).GetRequiredService<T>();
    private IServiceProvider? _researcher;

    private static IServiceProvider Researcher(IServiceProvider app)
    {
        var scope = app.CreateScope().ServiceProvider;
        scope.GetRequiredService<PersonaExplorer.Features.Accounts.Ownership.CurrentPerson>().ActAs("researcher-test");
        return scope;
    }

    private async Task<Guid> StudyAsync()
    {
        var store = Get<StudyStore>();
        var study = (await store.GetAsync((await store.CreateAsync("Sim")).Id))!;
        study.Tasks.Add(new StudyTask { StudyId = study.Id, Title = "Choose a laptop", Instructions = "Pick one." });
        study.Questions.Add(new StudyQuestion { StudyId = study.Id, Kind = QuestionKind.FreeText, Scope = QuestionScope.End, Text = "Comments?" });
        Assert.Null(await store.SaveAsync(study));
        return study.Id; // a draft: simulated participants may pilot it before it opens
    }

    [Fact]
    public async Task A_simulated_participant_who_confirms_a_need_under_live_steering_gets_a_regenerated_answer()
    {
        var studyId = await StudyAsync(); // within-subject: "Chat only", then "Full workspace" (live steering on)
        // the panels propose "Light and easy to carry around", which this participant's own words confirm
        await Get<SimulatedParticipantRunner>().RunAsync(studyId, 1, "I need a laptop that is light and easy to carry around.");

        await using var db = await Get<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync();
        var conditions = await db.Set<StudyCondition>().Where(c => c.StudyId == studyId).ToDictionaryAsync(c => c.Id, c => c.Features);
        var trials = await db.StudyTrials.Where(t => conditions.Keys.Contains(t.ConditionId)).ToListAsync();
        var steered = trials.Single(t => conditions[t.ConditionId].HasFlag(StudyFeatures.LiveSteering)).SessionId;
        var chatOnly = trials.Single(t => !conditions[t.ConditionId].HasFlag(StudyFeatures.LiveSteering)).SessionId;
        var events = await db.Events.Where(e => e.SessionId == steered || e.SessionId == chatOnly).ToListAsync();

        Assert.Contains(events, e => e.SessionId == steered && e.Type == "need.confirmed");
        Assert.Contains(events, e => e.SessionId == steered && e.Type == "answer.steer");
        Assert.DoesNotContain(events, e => e.SessionId == chatOnly && e.Type == "answer.steer");
        // the regenerated answer replaced the one the need was confirmed under: it is stored, hidden, and a new one is shown
        var answers = await db.Messages.Where(m => m.SessionId == steered && m.Role == MessageRole.Assistant).ToListAsync();
        Assert.Contains(answers, m => m.IsSuperseded);
        Assert.All(answers.Where(m => !m.IsSuperseded), m => Assert.Equal(MessageStatus.Complete, m.Status));
    }

    [Fact]
    public async Task Simulated_participants_complete_the_study_deterministically_and_are_kept_apart()
    {
        var studyId = await StudyAsync();
        var runner = Get<SimulatedParticipantRunner>();
        var expert = SimulatedParticipantRunner.Presets[0].Profile;
        var novice = SimulatedParticipantRunner.Presets[1].Profile;
        Assert.Equal(["S001", "S002"], await runner.RunAsync(studyId, 2, expert));
        Assert.Equal(["S003"], await runner.RunAsync(studyId, 1, novice));

        var factory = Get<IDbContextFactory<PersonaDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var people = await db.StudyParticipants.Where(p => p.StudyId == studyId).OrderBy(p => p.Pseudonym).ToListAsync();
        Assert.All(people, p => Assert.Equal((ParticipantKind.Simulated, ParticipantStatus.Completed), (p.Kind, p.Status)));

        // chat went through the workspace: user and assistant messages in each trial's session, events tagged
        var sessions = await db.StudyTrials.Where(t => t.ParticipantId == people[0].Id).Select(t => t.SessionId).ToListAsync();
        Assert.Equal(2, sessions.Count);
        foreach (var s in sessions)
        {
            Assert.Equal(3, await db.Messages.CountAsync(m => m.SessionId == s && m.Role == MessageRole.User));
            // one visible answer per message (a live-steering rewrite after a confirmed need hides the answer it replaces)
            Assert.Equal(3, await db.Messages.CountAsync(m => m.SessionId == s && m.Role == MessageRole.Assistant && !m.IsSuperseded));
        }
        Assert.Equal(6, await db.StudyEventTags.CountAsync(t => t.ParticipantId == people[0].Id && t.Event!.Type == "message.send"));

        // in the full-workspace condition it also acted on the panels, through the same actions as a person's clicks;
        // in the chat-only condition (no panels) it did not
        string[] panelEvents = [PersonaExplorer.Data.EventTypes.Care.NeedConfirmed, PersonaExplorer.Data.EventTypes.Care.NeedRejected,
                                PersonaExplorer.Data.EventTypes.Care.OptionPicked];
        var conditions = await db.StudyConditions.Where(c => c.StudyId == studyId).ToDictionaryAsync(c => c.Id, c => c.Features);
        foreach (var person in people)
        {
            var acted = await db.StudyEventTags.Where(t => t.ParticipantId == person.Id && panelEvents.Contains(t.Event!.Type))
                .Select(t => t.ConditionId).ToListAsync();
            Assert.NotEmpty(acted);
            Assert.All(acted, c => Assert.True(conditions[c!.Value].HasFlag(StudyFeatures.NeedsPanel), "acted on panels the condition does not show"));
        }

        // deterministic: the same profile answers the same way; the profile steers the answers
        async Task<List<double?>> Values(Guid id) => await db.QuestionnaireAnswers.Where(a => a.ParticipantId == id)
            .OrderBy(a => a.TrialIndex).ThenBy(a => a.Instrument).ThenBy(a => a.ItemIndex).Select(a => a.Value).ToListAsync();
        Assert.Equal(await Values(people[0].Id), await Values(people[1].Id));
        var dash = Get<StudyDashboardData>();
        var sim = await dash.LoadAsync(studyId, ParticipantKind.Simulated);
        Assert.Equal(3, sim.Funnel.Completed);
        var expertTlx = (await db.QuestionnaireAnswers.Where(a => a.ParticipantId == people[0].Id && a.Instrument == Instruments.Tlx).AverageAsync(a => a.Value))!.Value;
        var noviceTlx = (await db.QuestionnaireAnswers.Where(a => a.ParticipantId == people[2].Id && a.Instrument == Instruments.Tlx).AverageAsync(a => a.Value))!.Value;
        Assert.True(noviceTlx > expertTlx, $"novice {noviceTlx} vs expert {expertTlx}");

        // shown separately: nothing on the real-participant dashboard
        Assert.Equal(0, (await dash.LoadAsync(studyId, ParticipantKind.Real)).Funnel.Invited);
    }

    [Fact]
    public async Task The_participant_workspace_renders_only_the_features_of_the_condition()
    {
        var studyId = await StudyAsync();
        var store = Get<StudyStore>();
        var flow = Get<ParticipantFlow>();
        var conditions = (await store.GetAsync(studyId))!.Conditions; // "Chat only", "Full workspace"
        var client = _app.CreateClient();
        foreach (var (condition, shown) in new[] { (conditions[0], false), (conditions[1], true) })
        {
            var code = (await store.GenerateAsync(studyId, 1, ParticipantKind.Pilot, forcedCondition: condition.Id))[0].Code;
            Assert.Null(await flow.ConsentAsync(code));
            Assert.NotNull(await flow.StartTaskAsync(code));
            var html = await client.GetStringAsync($"/p/{code}");
            Assert.Contains("data-testid=\"participant-workspace\"", html);
            Assert.Contains("data-testid=\"chat-panel\"", html);
            Assert.Equal(shown, html.Contains("data-testid=\"needs-panel\""));
            Assert.Equal(shown, html.Contains("data-testid=\"solutions-panel\""));
            Assert.Equal(shown, html.Contains("data-testid=\"profile-open\""));
            Assert.DoesNotContain("data-testid=\"session-new\"", html); // no session list: a participant sees no other sessions
        }
    }

    [Fact]
    public async Task A_simulated_participant_stops_chatting_at_the_time_limit_and_the_task_ends_at_its_deadline()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton<ISimulatedWorkspaceActions>(new TimePasses(clock, TimeSpan.FromMinutes(2))); // each turn takes two minutes
        }));
        var researcher = Researcher(app.Services);
        var store = researcher.GetRequiredService<StudyStore>();
        var study = (await store.GetAsync((await store.CreateAsync("Timed")).Id))!;
        study.Conditions.RemoveAt(1); // chat only
        study.Tasks.Add(new StudyTask { StudyId = study.Id, Title = "Choose a laptop", Instructions = "Pick one.", TimeLimitMinutes = 3 });
        study.Tasks.RemoveAt(0);
        Assert.Null(await store.SaveAsync(study));

        await researcher.GetRequiredService<SimulatedParticipantRunner>().RunAsync(study.Id, 1, SimulatedParticipantRunner.Presets[0].Profile)
            .WaitAsync(TimeSpan.FromMinutes(2));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContextAsync();
        var trial = await db.StudyTrials.SingleAsync(t => db.StudyParticipants.Any(p => p.Id == t.ParticipantId && p.StudyId == study.Id));
        Assert.Equal(2, await db.Messages.CountAsync(m => m.SessionId == trial.SessionId && m.Role == MessageRole.User)); // not UserSimulator.MaxTurns
        Assert.Equal(3 * 60_000, trial.EndedMs - trial.StartedMs);
        Assert.Equal(1, await db.StudyEventTags.CountAsync(t => t.StudyId == study.Id && t.Event!.Type == EventTypes.Study.TaskTimeUp));
    }

    private sealed class TimePasses(FakeTimeProvider clock, TimeSpan perTurn) : ISimulatedWorkspaceActions
    {
        public Task ActAsync(SimulationContext context, CancellationToken ct)
        {
            clock.Advance(perTurn);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void Simulator_answers_are_clamped_to_valid_values()
    {
        var tlx = new QuestionnaireItem(Instruments.Tlx, "mental", 1, "t", ItemType.Scale0To100);
        var likert = new QuestionnaireItem(Instruments.Likert, "x", 1, "t", ItemType.Likert, 7);
        Assert.Equal(100, UserSimulator.Clamp(tlx, new("id", 250, null)).Value);
        Assert.Equal(45, UserSimulator.Clamp(tlx, new("id", 43, null)).Value);
        Assert.Equal(50, UserSimulator.Clamp(tlx, null).Value);
        Assert.Equal(7, UserSimulator.Clamp(likert, new("id", 12, null)).Value);
        Assert.Equal(1, UserSimulator.Clamp(likert, new("id", -3, null)).Value);
        Assert.Equal(4, UserSimulator.Clamp(likert, null).Value);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
