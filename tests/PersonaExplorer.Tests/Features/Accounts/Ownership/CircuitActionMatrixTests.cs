using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Explore.Care;
using PersonaExplorer.Features.Explore.WhyThis;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Profiles.Transfer;
using PersonaExplorer.Features.Profiles.Curator;
using PersonaExplorer.Features.Profiles.Proposals;
using PersonaExplorer.Features.Profiles.Steering;
using PersonaExplorer.Features.Profiles.Versions;
using PersonaExplorer.Features.Profiles.Compare;

namespace PersonaExplorer.Tests.Features.Accounts.Ownership;

/// <summary>
/// The circuit half of the authorization matrix: every public async method of the workspace's scoped state and store
/// services (as the app registers them) that takes an id — or a row, which carries one — called in member B's circuit
/// with member A's ids answers "not found", and A's rows stay exactly as they were — and the same for a researcher's
/// and for participants' circuits (of two different studies). The methods are found by reflection,
/// so a new action without a probe here fails <see cref="Every_circuit_action_that_takes_an_id_has_a_probe"/>.
/// </summary>
public sealed class CircuitActionMatrixTests
{
    /// <summary>The other people of the matrix: whoever they are, a circuit of theirs sees nothing of member A's.</summary>
    public static TheoryData<string> OtherPeople =>
    [
        "member-b",
        "researcher-r", // a researcher's circuit is a person's like any other; study pages and exports have their own rules (HTTP matrix)
        PersonaExplorer.Features.Accounts.Ownership.CurrentPerson.ParticipantOwner(new Guid("5e5e5e5e-0000-0000-0000-000000000001")), // participant of study S
        PersonaExplorer.Features.Accounts.Ownership.CurrentPerson.ParticipantOwner(new Guid("7e7e7e7e-0000-0000-0000-000000000002")), // participant of study T
    ];

    /// <summary>Member A's rows (the host's own person, after one real CARE turn) and member B's circuit.</summary>
    private sealed record World(IServiceProvider B, Guid Session, Message Question, Message Answer, Need Need, SolutionCard Card,
        SubTask SubTask, ClarifyingQuestion Asked, Guid Profile, Concept Concept, ConceptProposal Proposal)
    {
        public T Get<T>() where T : notnull => B.GetRequiredService<T>();
    }

    private static Task Gone(Func<Task> action) => Assert.ThrowsAsync<InvalidOperationException>(action);

    /// <summary>Either refused ("no longer exists") or done without touching anything of A's (the row snapshot checks that).</summary>
    private static async Task Refused(Func<Task> action)
    {
        try { await action(); }
        catch (InvalidOperationException) { }
    }

    private static AnswerRequest Request(World w) => new(w.Session, w.Profile, w.Question.Id, new TurnContext([]), []);
    private static Message Injected(World w) => new() { SessionId = w.Session, Role = MessageRole.Assistant, Content = "injected answer", Status = MessageStatus.Complete };
    private static AnswerCompleted Completed(World w) =>
        new(w.Session, w.Profile, w.Question.Id, w.Answer, new TurnContext([new PromptConcept("likes trains", "travel", 1)]), [new(ChatRole.User, "I love trains")], true, false);
    private static T Handler<T>(World w) => w.B.GetServices<IAnswerCompletedHandler>().OfType<T>().Single();

    /// <summary>"Type.Method(parameter types)" → what member B gets for member A's ids.</summary>
    private static readonly Dictionary<string, Func<World, Task>> Probes = new()
    {
        // Sessions: list, rename, delete, messages.
        ["SessionStore.FindAsync(Guid)"] = async w => Assert.Null(await w.Get<SessionStore>().FindAsync(w.Session)),
        ["SessionStore.CreateAsync(String,Nullable`1)"] = async w =>
        {
            var mine = await w.Get<SessionStore>().CreateAsync("B's session", w.Profile); // B's own row; A's profile never steers it
            Assert.DoesNotContain((await w.Get<SteeringContextBuilder>().ForSessionAsync(mine.Id)).Concepts, c => c.Text == w.Concept.Text);
        },
        ["SessionStore.RenameAsync(Guid,String)"] = async w => Assert.Equal("That session no longer exists.", await w.Get<SessionStore>().RenameAsync(w.Session, "B's now")),
        ["SessionStore.DeleteAsync(Guid)"] = w => w.Get<SessionStore>().DeleteAsync(w.Session),
        ["SessionStore.VisibleMessagesAsync(Guid)"] = async w => Assert.Empty(await w.Get<SessionStore>().VisibleMessagesAsync(w.Session)),
        ["SessionStore.AddUserMessageAsync(Guid,String)"] = w => Gone(() => w.Get<SessionStore>().AddUserMessageAsync(w.Session, "injected")),
        ["SessionStore.AddAnswerAsync(Message,Nullable`1)"] = w => Gone(() => w.Get<SessionStore>().AddAnswerAsync(
            new Message { SessionId = w.Session, Role = MessageRole.Assistant, Content = "injected" }, w.Answer.Id)),
        ["SessionStore.SupersedeAsync(Guid,Boolean)"] = w => w.Get<SessionStore>().SupersedeAsync(w.Answer.Id),
        ["ExploreState.LoadAsync(Nullable`1)"] = async w =>
        {
            var state = w.Get<ExploreState>();
            await state.LoadAsync(w.Session);
            Assert.NotEqual(w.Session, state.SessionId); // the page shows "not found"
        },

        // The CARE panels: needs, cards, sub-tasks, quick replies, export.
        ["CareActions.EnsureSessionAsync(Nullable`1,Nullable`1)"] = async w =>
        {
            await w.Get<CareActions>().EnsureSessionAsync(w.Session, w.Profile);
            Assert.Empty(w.Get<CareState>().Needs.Concat<object>(w.Get<CareState>().Cards).Concat(w.Get<CareState>().SubTasks));
        },
        ["CareActions.LoadSessionAsync(Guid,Nullable`1)"] = async w =>
        {
            await w.Get<CareActions>().LoadSessionAsync(w.Session, w.Profile);
            Assert.Empty(w.Get<CareState>().Needs.Concat<object>(w.Get<CareState>().Cards).Concat(w.Get<CareState>().SubTasks).Concat(w.Get<CareState>().Questions));
        },
        ["CareActions.ConfirmNeedAsync(Need)"] = w => w.Get<CareActions>().ConfirmNeedAsync(w.Need),
        ["CareActions.RejectNeedAsync(Need)"] = w => w.Get<CareActions>().RejectNeedAsync(w.Need),
        ["CareActions.EditNeedAsync(Need,String)"] = w => w.Get<CareActions>().EditNeedAsync(w.Need, "edited by B"),
        ["CareActions.SetNeedPriorityAsync(Need,Int32)"] = w => w.Get<CareActions>().SetNeedPriorityAsync(w.Need, 1),
        ["CareActions.AddNeedAsync(Guid,String,Int32)"] = w => Gone(() => w.Get<CareActions>().AddNeedAsync(w.Session, "injected need")),
        ["CareActions.TogglePinAsync(SolutionCard)"] = w => w.Get<CareActions>().TogglePinAsync(w.Card),
        ["CareActions.DiscardCardAsync(SolutionCard)"] = w => w.Get<CareActions>().DiscardCardAsync(w.Card),
        ["CareActions.RefineCardAsync(SolutionCard,String)"] = w => w.Get<CareActions>().RefineCardAsync(w.Card, "cheaper"),
        ["CareActions.CompareCardsAsync(SolutionCard,SolutionCard)"] = w => w.Get<CareActions>().CompareCardsAsync(w.Card, w.Card),
        ["CareActions.ExportPinnedMarkdownAsync(Guid)"] = async w => Assert.DoesNotContain(w.Card.Title, await w.Get<CareActions>().ExportPinnedMarkdownAsync(w.Session)),
        ["CareActions.ToggleOptionAsync(SubTask,String)"] = w => w.Get<CareActions>().ToggleOptionAsync(w.SubTask, w.SubTask.Options[0]),
        ["CareActions.AnswerQuestionAsync(ClarifyingQuestion,String)"] = w => w.Get<CareActions>().AnswerQuestionAsync(w.Asked, w.Asked.QuickReplies[0]),
        ["CareActions.LogSolutionsUpdateAsync(Guid)"] = w => w.Get<CareActions>().LogSolutionsUpdateAsync(w.Session),
        ["CareActions.LogTraceOpenedAsync(Guid,Nullable`1)"] = w => w.Get<CareActions>().LogTraceOpenedAsync(w.Session, w.Question.Id),
        ["NeedStore.ListAsync(Guid)"] = async w => Assert.Empty(await w.Get<NeedStore>().ListAsync(w.Session)),
        ["NeedStore.MergeAsync(Guid,Nullable`1,IReadOnlyList`1)"] = w => Gone(() => w.Get<NeedStore>().MergeAsync(w.Session, w.Question.Id,
            [new ProposedNeed { Statement = "injected need", Kind = NeedKind.Explicit, Evidence = "trip", Confidence = 0.9 }], default)),
        ["NeedStore.SetStatusAsync(Guid,NeedStatus)"] = async w => Assert.Null(await w.Get<NeedStore>().SetStatusAsync(w.Need.Id, NeedStatus.Rejected)),
        ["NeedStore.EditAsync(Guid,String)"] = async w => Assert.Null(await w.Get<NeedStore>().EditAsync(w.Need.Id, "edited by B")),
        ["NeedStore.SetPriorityAsync(Guid,Int32)"] = async w => Assert.Null(await w.Get<NeedStore>().SetPriorityAsync(w.Need.Id, 1)),
        ["NeedStore.AddAsync(Guid,String,Int32)"] = w => Gone(() => w.Get<NeedStore>().AddAsync(w.Session, "injected need")),
        ["SolutionStore.ListAsync(Guid)"] = async w => Assert.Empty(await w.Get<SolutionStore>().ListAsync(w.Session)),
        ["SolutionStore.ReplaceAsync(Guid,Nullable`1,IReadOnlyList`1,IReadOnlyList`1)"] = w => Gone(() => w.Get<SolutionStore>().ReplaceAsync(w.Session, w.Question.Id,
            [new ProposedSolution { Title = "injected card", Summary = "injected" }], null, default)),
        ["SolutionStore.ReorderAsync(Guid,IReadOnlyList`1)"] = w => w.Get<SolutionStore>().ReorderAsync(w.Session, [w.Card.Id], default),
        ["SolutionStore.SetPinnedAsync(Guid,Boolean)"] = async w => Assert.Null(await w.Get<SolutionStore>().SetPinnedAsync(w.Card.Id, !w.Card.Pinned)),
        ["SolutionStore.DiscardAsync(Guid)"] = async w => Assert.Null(await w.Get<SolutionStore>().DiscardAsync(w.Card.Id)),
        ["SolutionStore.DiscardedTitlesAsync(Guid)"] = async w => Assert.Empty(await w.Get<SolutionStore>().DiscardedTitlesAsync(w.Session)),
        ["TaskBreakdownStore.ListAsync(Guid)"] = async w => Assert.Empty(await w.Get<TaskBreakdownStore>().ListAsync(w.Session)),
        ["TaskBreakdownStore.ApplyPlanAsync(Guid,Nullable`1,TaskPlan)"] = w => Gone(() => w.Get<TaskBreakdownStore>().ApplyPlanAsync(w.Session, w.Question.Id,
            new TaskPlan { SubTasks = [new PlannedSubTask { Title = "injected", Options = ["a", "b"] }] }, default)),
        ["TaskBreakdownStore.ToggleOptionAsync(Guid,String)"] = async w => Assert.Null(await w.Get<TaskBreakdownStore>().ToggleOptionAsync(w.SubTask.Id, w.SubTask.Options[0])),
        ["TurnRecordStore.SaveTracesAsync(Guid,Guid,IEnumerable`1)"] = w => Gone(() => w.Get<TurnRecordStore>().SaveTracesAsync(w.Session, w.Question.Id,
            [new AgentCallTrace("responder", 1, [new TracedMessage("user", "injected")], "{}", null, 1, null, null, null, DateTime.UtcNow)])),
        ["TurnRecordStore.LatestTurnAsync(Guid)"] = async w => Assert.Null(await w.Get<TurnRecordStore>().LatestTurnAsync(w.Session)),
        ["TurnRecordStore.ListTurnsAsync(Guid)"] = async w => Assert.Empty(await w.Get<TurnRecordStore>().ListTurnsAsync(w.Session)),
        ["TurnRecordStore.ListCallsAsync(Guid,Guid)"] = async w => Assert.Empty(await w.Get<TurnRecordStore>().ListCallsAsync(w.Session, w.Question.Id)),
        ["TurnRecordStore.SaveQuestionsAsync(Guid,Guid,InquiryResult)"] = w => Gone(() => w.Get<TurnRecordStore>().SaveQuestionsAsync(w.Session, w.Question.Id,
            new InquiryResult { Questions = [new ClarifyingQuestionResult { Question = "injected?", QuickReplies = ["yes", "no"] }] }, default)),
        ["TurnRecordStore.LatestQuestionsAsync(Guid)"] = async w => Assert.Empty(await w.Get<TurnRecordStore>().LatestQuestionsAsync(w.Session)),
        ["TurnRecordStore.AnswerAsync(Guid,String)"] = async w => Assert.Null(await w.Get<TurnRecordStore>().AnswerAsync(w.Asked.Id, w.Asked.QuickReplies[0])),
        ["CareSteering.ReadAsync(Guid)"] = async w =>
        {
            var steering = await w.Get<CareSteering>().ReadAsync(w.Session);
            Assert.DoesNotContain(w.Need.Statement, JsonSerializer.Serialize(steering));
        },
        ["CareTurns.ContextAsync(Guid)"] = async w => Assert.DoesNotContain(w.Concept.Text, JsonSerializer.Serialize(await w.Get<CareTurns>().ContextAsync(w.Session))),
        ["CareTurns.EnsureSessionAsync(Nullable`1,Nullable`1)"] = async w =>
        {
            await w.Get<CareTurns>().EnsureSessionAsync(w.Session, w.Profile);
            Assert.Empty(w.Get<CareState>().Needs);
        },
        ["SteeringContextBuilder.ForSessionAsync(Nullable`1)"] = async w => Assert.DoesNotContain(w.Concept.Text, JsonSerializer.Serialize(await w.Get<SteeringContextBuilder>().ForSessionAsync(w.Session))),

        // Why this? and the prompt behind an answer or a card.
        ["WhyThisService.ExplainAsync(Message,IReadOnlyList`1)"] = async w => Assert.Empty((await w.Get<WhyThisService>().ExplainAsync(w.Answer, [])).Prompt),
        ["WhyThisService.ExplainCardAsync(SolutionCard,IReadOnlyList`1)"] = async w => Assert.Empty((await w.Get<WhyThisService>().ExplainCardAsync(w.Card, [])).Prompt),
        ["WhyThisService.PromptOfAsync(Message)"] = async w => Assert.Empty(await w.Get<WhyThisService>().PromptOfAsync(w.Answer)),

        // Profiles: concepts, versions, import target, A/B source, proposals, usage.
        ["ProfileStore.GetAsync(Guid)"] = async w => Assert.Null(await w.Get<ProfileStore>().GetAsync(w.Profile)),
        ["ProfileStore.RenameAsync(Guid,String)"] = w => Gone(() => w.Get<ProfileStore>().RenameAsync(w.Profile, "B's now")),
        ["ProfileStore.DuplicateAsync(Guid,String)"] = w => Gone(() => w.Get<ProfileStore>().DuplicateAsync(w.Profile)),
        ["ProfileStore.DeleteProfileAsync(Guid)"] = w => Gone(() => w.Get<ProfileStore>().DeleteProfileAsync(w.Profile)),
        ["ProfileStore.SetActiveAsync(Guid)"] = w => Gone(() => w.Get<ProfileStore>().SetActiveAsync(w.Profile)),
        ["SteeringConcepts.PromptConceptsAsync(Guid,Nullable`1,ModelInfo)"] = async w => Assert.Empty(await w.Get<SteeringConcepts>().PromptConceptsAsync(w.Profile, w.Session, ModelInfo.Offline)),
        ["ConceptStore.AddAsync(Guid,String,String,ConceptSource)"] = w => Gone(() => w.Get<ConceptStore>().AddAsync(w.Profile, "injected", "general", ConceptSource.Stated)),
        ["ConceptStore.AddAsync(Guid,ConceptDraft,String,String)"] = w => Gone(() => w.Get<ConceptStore>().AddAsync(w.Profile, new ConceptDraft("injected"), "you")),
        ["ConceptStore.UpdateAsync(Concept)"] = w => Gone(() => w.Get<ConceptStore>().UpdateAsync(Changed(w.Concept))),
        ["ConceptStore.UpdateAsync(Concept,String,String)"] = w => Gone(() => w.Get<ConceptStore>().UpdateAsync(Changed(w.Concept), "you", null)),
        ["ConceptStore.DeleteAsync(Guid)"] = w => w.Get<ConceptStore>().DeleteAsync(w.Concept.Id),
        ["ConceptStore.DeleteAsync(Guid,String)"] = w => w.Get<ConceptStore>().DeleteAsync(w.Concept.Id, "you"),
        ["ConceptStore.RestoreAsync(Concept)"] = w => Gone(() => w.Get<ConceptStore>().RestoreAsync(Changed(w.Concept))),
        ["ConceptStore.ReplaceConceptsAsync(Guid,IReadOnlyList`1,String,String)"] = w => Gone(() => w.Get<ConceptStore>().ReplaceConceptsAsync(w.Profile, [], "you", "wiped")),
        ["ProfileState.PinAsync(Guid)"] = async w =>
        {
            var state = w.Get<ProfileState>();
            await state.PinAsync(w.Profile);
            Assert.NotEqual(w.Profile, state.Active!.Id); // falls back to B's own active profile
        },
        ["ProfileState.SwitchAsync(Guid)"] = w => Gone(() => w.Get<ProfileState>().SwitchAsync(w.Profile)),
        ["ProfileState.UpdateAsync(Concept,String)"] = w => Gone(() => w.Get<ProfileState>().UpdateAsync(Changed(w.Concept), "edit")),
        ["ProfileState.ToggleAsync(Concept,Boolean)"] = w => Gone(() => w.Get<ProfileState>().ToggleAsync(w.Concept, !w.Concept.Enabled)),
        ["ProfileState.DeleteAsync(Concept)"] = w => w.Get<ProfileState>().DeleteAsync(w.Concept),
        ["ProfileState.UndoDeleteAsync(Concept)"] = w => Gone(() => w.Get<ProfileState>().UndoDeleteAsync(Changed(w.Concept))),
        ["ProfileVersions.ListAsync(Guid)"] = async w => Assert.Empty(await w.Get<ProfileVersions>().ListAsync(w.Profile)),
        ["ProfileVersions.GetAsync(Guid,Int32)"] = async w => Assert.Null(await w.Get<ProfileVersions>().GetAsync(w.Profile, 1)),
        ["ProfileVersions.RestoreAsync(Guid,Int32)"] = w => Gone(() => w.Get<ProfileVersions>().RestoreAsync(w.Profile, 1)),
        ["ProfileVersions.DiffAsync(Guid,Int32,Int32)"] = w => Gone(() => w.Get<ProfileVersions>().DiffAsync(w.Profile, 1, 2)),
        ["ProfileImporter.ImportAsync(String,Byte[],ImportMode,Nullable`1)"] = async w =>
        {
            var file = System.Text.Encoding.UTF8.GetBytes(ProfileTransfer.ToJson((await w.Get<ProfileStore>().GetActiveAsync())));
            Assert.Equal(["That profile no longer exists."], (await w.Get<ProfileImporter>().ImportAsync("p.json", file, ImportMode.ReplaceConcepts, w.Profile)).Errors);
        },
        ["AbSource.ResolveAsync(Guid,Int32,String)"] = async w =>
        {
            Assert.Empty((await w.Get<AbSource>().ResolveAsync(w.Profile, 0, "A's")).Concepts);
            await Gone(() => w.Get<AbSource>().ResolveAsync(w.Profile, 1, "A's"));
        },
        ["ProposalService.AddAsync(Guid,Nullable`1,Nullable`1,IEnumerable`1,String)"] = w => Gone(() => w.Get<ProposalService>().AddAsync(w.Profile, w.Session, w.Answer.Id,
            [new CuratedConcept(ProposalKind.Add, null, "injected", "general", 0.5, null, ConfidenceLevel.High, 0.8, null, true, false, null)], ProposalService.FromCurator)),
        ["ProposalService.PendingAsync(Guid,String)"] = async w => Assert.Empty(await w.Get<ProposalService>().PendingAsync(w.Profile)),
        ["ProposalService.AcceptAsync(Guid,String)"] = async w => Assert.Equal("That proposal was already handled.", await w.Get<ProposalService>().AcceptAsync(w.Proposal.Id)),
        ["ProposalService.AcceptAllAsync(Guid,String)"] = async w => Assert.Equal(0, await w.Get<ProposalService>().AcceptAllAsync(w.Profile)),
        ["ProposalService.DismissAsync(Guid)"] = w => w.Get<ProposalService>().DismissAsync(w.Proposal.Id),
        ["ConceptUsageRecorder.RecordAsync(Guid,IEnumerable`1)"] = w => w.Get<ConceptUsageRecorder>().RecordAsync(w.Answer.Id, [new PromptConcept(w.Concept.Text, "general", 1)]),
        ["ConceptUsageRecorder.RecordAsync(Guid,Guid,IEnumerable`1)"] = w => w.Get<ConceptUsageRecorder>().RecordAsync(w.Answer.Id, w.Profile, [new PromptConcept(w.Concept.Text, "general", 1)]),
        ["ProfileCurator.CurateAsync(Guid,Nullable`1,Nullable`1,IReadOnlyList`1,String,Nullable`1)"] = async w =>
            Assert.Empty(await w.Get<ProfileCurator>().CurateAsync(w.Profile, w.Session, w.Answer.Id, [new(ChatRole.User, "I love trains and museums")])),
        ["ProfileTextBuilder.BuildAsync(Guid,String)"] = w => Refused(() => w.Get<ProfileTextBuilder>().BuildAsync(w.Profile, "I am vegetarian and I love trains.")),

        // A turn's work, started by the chat for the session the circuit shows: for someone else's session it reads nothing and writes nothing.
        ["CareOrchestrator.StartTurnAsync(Guid,Guid,TurnContext,Task)"] = w => Refused(() => w.Get<CareOrchestrator>().StartTurnAsync(w.Session, w.Question.Id, new TurnContext([]), Task.CompletedTask)),
        ["AgentInputReader.LatestTurnAsync(Guid)"] = async w => Assert.Equal(Guid.Empty, await w.Get<AgentInputReader>().LatestTurnAsync(w.Session, default)),
        ["AgentInputReader.ReadAsync(Guid,Nullable`1,TurnContext)"] = async w =>
        {
            var input = await w.Get<AgentInputReader>().ReadAsync(w.Session, w.Question.Id, TurnContext.Empty, default);
            Assert.Empty(input.Conversation);
            Assert.Empty(input.Needs);
        },
        ["SendCheck.RefusalAsync(Nullable`1)"] = async w => Assert.Null(await w.Get<SendCheck>().RefusalAsync(w.Session)), // A's messages do not count for B
        ["CareOrchestrator.UpdateSolutionsAsync(Guid,TurnContext)"] = w => Refused(() => w.Get<CareOrchestrator>().UpdateSolutionsAsync(w.Session, new TurnContext([]))),
        ["CareTurns.StartTurnAsync(Guid,Guid,TurnContext,Task)"] = w => Refused(() => w.Get<CareTurns>().StartTurnAsync(w.Session, w.Question.Id, new TurnContext([]), Task.CompletedTask)),
        ["CareTurns.UpdateSolutionsAsync(Guid)"] = w => Refused(() => w.Get<CareTurns>().UpdateSolutionsAsync(w.Session)),
        ["CareTurns.FollowSteeringAsync(Guid,TurnContext)"] = w => Refused(() => w.Get<CareTurns>().FollowSteeringAsync(w.Session, new TurnContext([]))),
        ["ChatAnswerer.AnswerAsync(AnswerRequest,Action`1,Func`1,Action)"] = w => Refused(() => w.Get<ChatAnswerer>().AnswerAsync(Request(w), _ => { }, () => false, default, () => { })),
        ["CareCallRecorder.RecordAsync(Guid,Nullable`1,IReadOnlyList`1)"] = w => Refused(() => w.Get<ITurnCallRecorder>().RecordAsync(w.Session, w.Question.Id,
            [new AgentCallTrace("curator", 1, [new TracedMessage("user", "injected")], "{}", null, 1, null, null, null, DateTime.UtcNow)])),
        ["SteeringConcepts.TurnedOffDuringAsync(Guid,Guid,ModelInfo)"] = async w => Assert.Empty(await w.Get<SteeringConcepts>().TurnedOffDuringAsync(w.Profile, w.Session, ModelInfo.Offline)),
        ["ProfileVersions.ConceptsAsync(Guid,Int32)"] = async w => Assert.Null(await w.Get<ProfileVersions>().ConceptsAsync(w.Profile, 1)),
        ["ProposalService.KnownTextsAsync(Guid)"] = async w => Assert.Empty(await w.Get<ProposalService>().KnownTextsAsync(w.Profile)),
        ["SessionStore.CountMessagesAsync(Guid)"] = async w => Assert.Equal(0, await w.Get<SessionStore>().CountMessagesAsync(w.Session)),
        ["ChatAnswerer.CompletedAsync(AnswerRequest,Message,List`1,Boolean)"] = w => Refused(() => w.Get<ChatAnswerer>().CompletedAsync(Request(w), Injected(w), [new(ChatRole.User, "hi")], false)),
        ["ProposeConceptsAfterAnswer.HandleAsync(AnswerCompleted)"] = w => Refused(() => Handler<ProposeConceptsAfterAnswer>(w).HandleAsync(Completed(w), default)),
        ["RecordConceptUsageAfterAnswer.HandleAsync(AnswerCompleted)"] = w => Refused(() => Handler<RecordConceptUsageAfterAnswer>(w).HandleAsync(Completed(w), default)),
        ["RecordTraceAfterAnswer.HandleAsync(AnswerCompleted)"] = w => Refused(() => Handler<RecordTraceAfterAnswer>(w).HandleAsync(Completed(w), default)),
        ["ConceptUsageRecorder.InfluenceAsync(Guid)"] = async w => Assert.Empty(await w.Get<ConceptUsageRecorder>().InfluenceAsync(w.Profile)),
    };

    [Fact]
    public void Every_circuit_action_that_takes_an_id_has_a_probe()
    {
        var actions = ActionsTakingAnId().ToHashSet();
        var missing = actions.Where(a => !Probes.ContainsKey(a)).Order().ToList();
        Assert.True(missing.Count == 0, "Circuit actions without a probe: " + string.Join(", ", missing));
        Assert.DoesNotContain(Probes.Keys, p => !actions.Contains(p)); // no probe for a method that is gone or renamed
    }

    [Theory]
    [MemberData(nameof(OtherPeople))]
    public async Task Another_person_gets_not_found_for_every_circuit_action_on_member_As_ids_and_As_rows_stay_as_they_were(string other)
    {
        await using var host = await CareHost.StartAsync();
        var world = await WorldAsync(host, other);
        var before = await RowsOfAsync(host, CareHost.PersonId);

        var wrong = new List<string>();
        foreach (var (action, probe) in Probes)
        {
            try { await probe(world); }
            catch (Exception e) { wrong.Add($"{action}: {e.GetType().Name}: {e.Message}"); }
            var now = await RowsOfAsync(host, CareHost.PersonId);
            if (now != before) wrong.Add($"{action}: changed member A's rows");
            before = now;
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The public async methods of the workspace's scoped services (the app's own registrations) with an id or a row among their parameters.</summary>
    private static IEnumerable<string> ActionsTakingAnId()
    {
        var services = new ServiceCollection();
        services.AddProfileServices();
        services.AddExploreServices();
        var types = services.Where(d => d.Lifetime == ServiceLifetime.Scoped)
            .Select(d => d.ImplementationType ?? d.ServiceType)
            .Where(t => t.Namespace?.StartsWith("PersonaExplorer.Features", StringComparison.Ordinal) == true && !t.IsInterface)
            .Distinct();
        foreach (var type in types)
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var parameters = method.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken)).ToList();
                if (IsAsync(method.ReturnType) && parameters.Any(p => TakesAnId(p.ParameterType)))
                    yield return $"{type.Name}.{method.Name}({string.Join(",", parameters.Select(p => p.ParameterType.Name))})";
            }
    }

    private static bool IsAsync(Type t) => t == typeof(Task) || t == typeof(ValueTask) || (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(Task<>) || t.GetGenericTypeDefinition() == typeof(ValueTask<>)));

    /// <summary>A Guid, or one of the app's rows (an entity with a Guid Id), or a request that names a session or profile.</summary>
    private static bool TakesAnId(Type t) =>
        t == typeof(Guid) || t == typeof(Guid?)
        || (t.Namespace == typeof(Message).Namespace && t.GetProperty("Id")?.PropertyType == typeof(Guid))
        || t.GetProperties().Any(p => p.PropertyType == typeof(Guid) && p.Name is "SessionId" or "ProfileId");

    private static Concept Changed(Concept concept)
    {
        var copy = ConceptStore.Copy(concept);
        copy.Text = "changed by B";
        return copy;
    }

    /// <summary>A's session after one real CARE turn (needs, cards, sub-tasks, questions, traces), A's profile with a concept and a proposal.</summary>
    private static async Task<World> WorldAsync(CareHost host, string other)
    {
        var (session, question) = await host.SessionAsync("Help me plan a trip with my kids", "Here are some ideas for a family trip.");
        await host.Orchestrator.StartTurnAsync(session, question, new TurnContext([]));
        var a = host.Services;
        var profiles = a.GetRequiredService<ProfileStore>();
        var profile = await profiles.CreateAsync("Anna private");
        var concepts = a.GetRequiredService<ConceptStore>();
        var concept = await concepts.AddAsync(profile.Id, "has a rare medical condition", "general", ConceptSource.Stated);
        await concepts.AddAsync(profile.Id, "likes museums", "general", ConceptSource.Stated); // a second version to restore, diff or compare
        var proposal = Assert.Single(await a.GetRequiredService<ProposalService>().AddAsync(profile.Id, session, null,
            [new CuratedConcept(ProposalKind.Add, null, "likes trains", "travel", 0.5, "I took the train", ConfidenceLevel.High, 0.8, null, true, false, null)],
            ProposalService.FromCurator));
        var messages = await a.GetRequiredService<SessionStore>().VisibleMessagesAsync(session);
        var state = host.State;
        return new World(host.As(other), session, messages.First(m => m.Role == MessageRole.User), messages.Last(m => m.Role == MessageRole.Assistant),
            state.Needs[0], state.VisibleCards[0], state.SubTasks[0], state.OpenQuestions[0], profile.Id, concept, proposal);
    }

    private static readonly JsonSerializerOptions Json = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles };

    /// <summary>Everything a person has, read past the ownership filters, as one comparable text.</summary>
    private static async Task<string> RowsOfAsync(CareHost host, string owner)
    {
        await using var db = await host.Db();
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.OwnerId == owner).OrderBy(s => s.Id).ToListAsync();
        var ids = sessions.Select(s => s.Id).ToList();
        var profiles = await db.Profiles.AsNoTracking().Where(p => p.OwnerId == owner).OrderBy(p => p.Id).ToListAsync();
        var pids = profiles.Select(p => p.Id).ToList();
        object[] rows =
        [
            sessions, profiles,
            await db.Messages.AsNoTracking().Where(x => ids.Contains(x.SessionId)).OrderBy(x => x.Id).ToListAsync(),
            await db.Needs.AsNoTracking().Where(x => ids.Contains(x.SessionId)).OrderBy(x => x.Id).ToListAsync(),
            await db.SolutionCards.AsNoTracking().Where(x => ids.Contains(x.SessionId)).OrderBy(x => x.Id).ToListAsync(),
            await db.SubTasks.AsNoTracking().Where(x => ids.Contains(x.SessionId)).OrderBy(x => x.Id).ToListAsync(),
            await db.ClarifyingQuestions.AsNoTracking().Where(x => ids.Contains(x.SessionId)).OrderBy(x => x.Id).ToListAsync(),
            await db.AgentTraces.AsNoTracking().Where(x => ids.Contains(x.SessionId)).OrderBy(x => x.Id).ToListAsync(),
            await db.Concepts.AsNoTracking().Where(x => pids.Contains(x.ProfileId)).OrderBy(x => x.Id).ToListAsync(),
            await db.ProfileVersions.AsNoTracking().Where(x => pids.Contains(x.ProfileId)).OrderBy(x => x.Id).ToListAsync(),
            await db.ConceptProposals.AsNoTracking().Where(x => pids.Contains(x.ProfileId)).OrderBy(x => x.Id).ToListAsync(),
            await db.ConceptUsages.AsNoTracking().Where(x => pids.Contains(x.ProfileId)).OrderBy(x => x.Id).ToListAsync(),
            await db.ActiveProfiles.AsNoTracking().Where(x => pids.Contains(x.ProfileId)).OrderBy(x => x.ProfileId).ToListAsync(),
            // Events about A's session or profile, whoever wrote them: an action of B must not add to A's study data.
            await db.Events.AsNoTracking().Where(x => x.OwnerId == owner || (x.SessionId != null && ids.Contains(x.SessionId.Value))
                || (x.ProfileId != null && pids.Contains(x.ProfileId.Value))).OrderBy(x => x.Id).ToListAsync(),
        ];
        return JsonSerializer.Serialize(rows, Json);
    }
}
