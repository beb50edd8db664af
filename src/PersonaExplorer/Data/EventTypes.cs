namespace PersonaExplorer.Data;

/// <summary>
/// The one catalogue of <see cref="InteractionEvent"/> types: every type the app records is a constant here and has a
/// line in <see cref="All"/>, which the study export's codebook lists in full.
/// </summary>
public static class EventTypes
{
    public static class Chat
    {
        public const string MessageSend = "message.send";
        public const string MessageRegenerate = "message.regenerate";
        public const string AnswerSteer = "answer.steer";
        public const string AnswerKeepBefore = "answer.keep-before";
        public const string AnswerKeepAfter = "answer.keep-after";
    }

    public static class Profiles
    {
        public const string Create = "profile.create";
        public const string Rename = "profile.rename";
        public const string Duplicate = "profile.duplicate";
        public const string Delete = "profile.delete";
        public const string Switch = "profile.switch";
        public const string Import = "profile.import";
    }

    public static class Concepts
    {
        public const string Add = "concept.add";
        public const string Edit = "concept.edit";
        public const string Recategorize = "concept.recategorize";
        public const string Reweight = "concept.reweight";
        public const string Enable = "concept.enable";
        public const string Disable = "concept.disable";
        public const string MakePrivate = "concept.private";
        public const string MakePublic = "concept.public";
        public const string ScopeSession = "concept.scope-session";
        public const string ScopeProfile = "concept.scope-profile";
        public const string Delete = "concept.delete";
        public const string Restore = "concept.restore";

        /// <summary>The type of a concept change named by its action (<c>edit</c>, <c>reweight</c>, …).</summary>
        public static string Of(string action) => "concept." + action;
    }

    public static class Proposals
    {
        public const string Add = "proposal.add";
        public const string Accept = "proposal.accept";
        public const string Dismiss = "proposal.dismiss";
    }

    public static class Care
    {
        public const string QuickReply = "quickreply.clicked";
        public const string NeedConfirmed = "need.confirmed";
        public const string NeedRejected = "need.rejected";
        public const string NeedEdited = "need.edited";
        public const string NeedAdded = "need.added";
        public const string NeedPriority = "need.priority";
        public const string SolutionsUpdate = "solutions.update";
        public const string CardPinned = "card.pinned";
        public const string CardUnpinned = "card.unpinned";
        public const string CardDiscarded = "card.discarded";
        public const string CardRefine = "card.refine";
        public const string CardCompare = "card.compare";
        public const string CardsExported = "cards.exported";
        public const string OptionPicked = "option.picked";
        public const string OptionUnpicked = "option.unpicked";
        public const string TraceOpened = "trace.opened";
    }

    public static class Study
    {
        public const string Consent = "study.consent";
        public const string InstructionsShown = "study.instructions";
        public const string TaskStart = "study.task_start";
        public const string TaskEnd = "study.task_end";
        public const string TaskTimeUp = "study.task_time_up";
        public const string Questionnaire = "study.questionnaire";
        public const string Complete = "study.complete";
        /// <summary>The workspace page was opened: the first time and again after every reload or reconnect.</summary>
        public const string WorkspaceOpened = "study.workspace_opened";
        // Researcher actions (untagged: they outlive the data they describe).
        public const string ParticipantDeleted = "study.participant_deleted";
        public const string StudyDeleted = "study.deleted";
        public const string Withdrawn = "study.withdrawn";
    }

    public sealed record EventType(string Name, string Meaning);

    /// <summary>Every type with what it means and what its payload holds (ids, lengths, durations; never chat text).</summary>
    public static readonly IReadOnlyList<EventType> All =
    [
        new(Chat.MessageSend, "The person sent a message (payload: `messageId`, `length`)."),
        new(Chat.MessageRegenerate, "The person asked for the last answer again."),
        new(Chat.AnswerSteer, "Live steering rewrote the last answer after a profile or need edit (payload: `reason`, `beforeId`)."),
        new(Chat.AnswerKeepBefore, "After a rewrite the person kept the answer from before the edit (payload: `keptId`, `droppedId`)."),
        new(Chat.AnswerKeepAfter, "After a rewrite the person kept the new answer (payload: `keptId`, `droppedId`)."),
        new(Profiles.Create, "A profile was created (payload: `Name`)."),
        new(Profiles.Rename, "A profile was renamed (payload: `from`, `to`)."),
        new(Profiles.Duplicate, "A profile was copied; the copy became active (payload: `sourceId`, `Name`)."),
        new(Profiles.Delete, "A profile was deleted with its concepts and history (payload: `Name`, `concepts`)."),
        new(Profiles.Switch, "Another profile became the one that steers answers."),
        new(Profiles.Import, "A profile file was imported (payload: `mode`, `concepts`)."),
        new(Concepts.Add, "A concept was added (payload: `conceptId`, `Text`, `Category`)."),
        new(Concepts.Edit, "A concept's text was edited (payload: `conceptId`, `Text`, `Category`, `Weight`, `Enabled`; the same for every concept change below)."),
        new(Concepts.Recategorize, "A concept got another category."),
        new(Concepts.Reweight, "A concept's weight (−1 … 1) was changed."),
        new(Concepts.Enable, "A concept was switched on."),
        new(Concepts.Disable, "A concept was switched off (it no longer steers answers)."),
        new(Concepts.MakePrivate, "A concept was made private (never sent to a cloud model)."),
        new(Concepts.MakePublic, "A private concept was made public again."),
        new(Concepts.ScopeSession, "A concept was limited to this session."),
        new(Concepts.ScopeProfile, "A concept was made to apply to all sessions again."),
        new(Concepts.Delete, "A concept was deleted (payload: `conceptId`, `Text`)."),
        new(Concepts.Restore, "A deleted concept was restored with Undo."),
        new(Proposals.Add, "The curator (or \"build from my text\") proposed concepts (payload: `origin`, `count`)."),
        new(Proposals.Accept, "The person accepted a proposal, possibly edited (payload: `proposalId`, `Text`, `edited`, `Origin`)."),
        new(Proposals.Dismiss, "The person dismissed a proposal; it is never proposed again (payload: `proposalId`, `Text`, `Origin`)."),
        new(Care.QuickReply, "A clarifying-question chip was clicked."),
        new(Care.NeedConfirmed, "A need was confirmed."),
        new(Care.NeedRejected, "A need was rejected."),
        new(Care.NeedEdited, "A need's statement was edited."),
        new(Care.NeedAdded, "The person added a need."),
        new(Care.NeedPriority, "A need's priority was changed."),
        new(Care.SolutionsUpdate, "\"Update solutions\" was clicked."),
        new(Care.CardPinned, "A solution card was pinned."),
        new(Care.CardUnpinned, "A solution card was unpinned."),
        new(Care.CardDiscarded, "A solution card was discarded."),
        new(Care.CardRefine, "A solution card was refined."),
        new(Care.CardCompare, "Solution cards were compared."),
        new(Care.CardsExported, "Solution cards were exported."),
        new(Care.OptionPicked, "An option of the task breakdown was picked."),
        new(Care.OptionUnpicked, "A picked option was unpicked."),
        new(Care.TraceOpened, "The turn inspector was opened."),
        new(Study.Consent, "The participant consented (payload: `sequence`, the counterbalancing ordinal)."),
        new(Study.InstructionsShown, "The study's instructions were shown."),
        new(Study.TaskStart, "A trial's task started."),
        new(Study.TaskEnd, "A trial's task ended (payload: `durationMs`)."),
        new(Study.TaskTimeUp, "A trial's time limit ran out."),
        new(Study.Questionnaire, "A questionnaire was submitted (payload: `scope` task|end, `items`)."),
        new(Study.Complete, "The participant completed the study."),
        new(Study.WorkspaceOpened, "The task's workspace page was opened: once, plus once per reload or reconnect."),
        new(Study.ParticipantDeleted, "A researcher deleted a participant's data."),
        new(Study.StudyDeleted, "A researcher deleted a study."),
        new(Study.Withdrawn, "A participant withdrew; their data was deleted."),
    ];
}
