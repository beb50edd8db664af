namespace PersonaExplorer.Features.Explore.Care;

/// <summary>InteractionEvent types of the CARE panels (see <see cref="Data.EventLog"/>). Messages and concept edits are logged by the chat and the profile drawer.</summary>
public static class CareEvents
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
