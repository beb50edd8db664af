using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Data;

// Study mode (issue 6). Self-contained: the only links to the rest of the model are
// StudyTrial.SessionId (the exploration session a trial's workspace uses) and StudyEventTag.EventId.

public enum StudyDesign { Within, Between }
public enum StudyStatus { Draft, Open, Closed }
public enum ParticipantKind { Real, Pilot, Simulated }
public enum ParticipantStatus { Invited, InProgress, Completed, Withdrawn }
/// <summary>Where a participant is inside the current trial (or the study).</summary>
public enum ParticipantPhase { Consent, Instructions, Workspace, TaskQuestionnaire, EndQuestionnaire, Done }
public enum QuestionScope { AfterEachTask, End }
public enum QuestionKind { Likert, FreeText }

/// <summary>Features a condition enables in the participant's workspace (chat is always on).</summary>
[Flags]
public enum StudyFeatures
{
    ChatOnly = 0,
    NeedsPanel = 1,
    Solutions = 2,
    TaskBreakdown = 4,
    ProfileDrawer = 8,
    LiveSteering = 16,
    Proposals = 32,
    All = NeedsPanel | Solutions | TaskBreakdown | ProfileDrawer | LiveSteering | Proposals,
}

public sealed class ResearchStudy
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The researcher (Identity user id) who created the study; empty for studies from before owners existed.</summary>
    public string OwnerId { get; set; } = "";
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public string ConsentText { get; set; } = "";
    public StudyDesign Design { get; set; } = StudyDesign.Within;
    public StudyStatus Status { get; set; } = StudyStatus.Draft;
    /// <summary>Latin-square rotation of the task order across participants.</summary>
    public bool RotateTaskOrder { get; set; }
    public bool TlxAfterEachTask { get; set; } = true;
    public bool SusAfterEachTask { get; set; } = true;
    public bool TlxAtEnd { get; set; }
    public bool SusAtEnd { get; set; }
    /// <summary>Shown on the done page (crowd platforms ask participants to paste it).</summary>
    public string CompletionCode { get; set; } = "";
    public string? RedirectUrl { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedUtc { get; set; } = DateTime.UtcNow;
    public List<StudyTask> Tasks { get; set; } = [];
    public List<StudyCondition> Conditions { get; set; } = [];
    public List<StudyQuestion> Questions { get; set; } = [];
}

public sealed class StudyTask
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid StudyId { get; set; }
    public int Order { get; set; }
    public required string Title { get; set; }
    public string Instructions { get; set; } = "";
    public int? TimeLimitMinutes { get; set; }
    /// <summary>Sent as the participant's first message when the task's workspace opens (optional).</summary>
    public string? SeedRequest { get; set; }
}

public sealed class StudyCondition
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid StudyId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
    public StudyFeatures Features { get; set; }
    public string? Model { get; set; }
    public string? SystemPrompt { get; set; }
}

/// <summary>A custom questionnaire item (NASA-TLX and SUS are switched on per study).</summary>
public sealed class StudyQuestion
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid StudyId { get; set; }
    public int Order { get; set; }
    public QuestionScope Scope { get; set; }
    public QuestionKind Kind { get; set; }
    public required string Text { get; set; }
    /// <summary>Likert points (2–11).</summary>
    public int Points { get; set; } = 7;
    public string? LowLabel { get; set; }
    public string? HighLabel { get; set; }
}

public sealed class StudyParticipant
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid StudyId { get; set; }
    /// <summary>The secret in the participant's link (/p/{code}); long and random. Never exported.</summary>
    public required string Code { get; set; }
    /// <summary>Pseudonymous label used in exports and the dashboard (P001, S001, X001).</summary>
    public required string Pseudonym { get; set; }
    /// <summary>Imported external ID (e.g. a crowd-platform ID). Never exported.</summary>
    public string? ExternalId { get; set; }
    public ParticipantKind Kind { get; set; }
    public ParticipantStatus Status { get; set; }
    public ParticipantPhase Phase { get; set; }
    /// <summary>Index of the current trial in <see cref="Trials"/>.</summary>
    public int TrialIndex { get; set; }
    /// <summary>Counterbalancing ordinal among participants of the same kind (set at consent).</summary>
    public int? Sequence { get; set; }
    /// <summary>Pilot participants forced to one condition; null = assigned by counterbalancing.</summary>
    public Guid? ForcedConditionId { get; set; }
    /// <summary>The participant's own profile (created when their workspace first opens): never the app's active profile.</summary>
    public Guid? ProfileId { get; set; }
    /// <summary>The language profile a simulated participant is driven by.</summary>
    public string? SimulatorProfile { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
    public DateTime? ConsentedUtc { get; set; }
    public DateTime? CompletedUtc { get; set; }
    public DateTime? WithdrawnUtc { get; set; }
    /// <summary>This participant's own completion code (the study's code + a random part), set when they complete.</summary>
    public string? CompletionCode { get; set; }
    public List<StudyTrial> Trials { get; set; } = [];
}

/// <summary>One task under one condition for one participant, in counterbalanced order.</summary>
public sealed class StudyTrial
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ParticipantId { get; set; }
    public int Index { get; set; }
    public Guid TaskId { get; set; }
    public Guid ConditionId { get; set; }
    /// <summary>The exploration session of this trial's workspace (created when the task starts).</summary>
    public Guid? SessionId { get; set; }
    public long? StartedMs { get; set; }
    public long? EndedMs { get; set; }
}

public sealed class QuestionnaireAnswer
{
    public long Id { get; set; }
    public Guid StudyId { get; set; }
    public Guid ParticipantId { get; set; }
    /// <summary>Null for end-of-study questionnaires.</summary>
    public int? TrialIndex { get; set; }
    public Guid? TaskId { get; set; }
    public Guid? ConditionId { get; set; }
    /// <summary>NASA-TLX, SUS, Likert or Text.</summary>
    public required string Instrument { get; set; }
    /// <summary>Item key: TLX mental/physical/temporal/performance/effort/frustration, SUS q1…q10, or the custom question's id.</summary>
    public required string ItemKey { get; set; }
    public int ItemIndex { get; set; }
    public double? Value { get; set; }
    public string? Text { get; set; }
    public long TimestampMs { get; set; }
}

/// <summary>Links an <see cref="InteractionEvent"/> to the study, participant, condition and task it happened in.</summary>
public sealed class StudyEventTag
{
    public long EventId { get; set; }
    public InteractionEvent? Event { get; set; }
    public Guid StudyId { get; set; }
    public Guid ParticipantId { get; set; }
    public Guid? ConditionId { get; set; }
    public Guid? TaskId { get; set; }
    public int? TrialIndex { get; set; }
}

internal static class StudyModel
{
    public static void Configure(ModelConfigurationBuilder builder)
    {
        builder.Properties<StudyDesign>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<StudyStatus>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<ParticipantKind>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<ParticipantStatus>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<ParticipantPhase>().HaveConversion<string>().HaveMaxLength(24);
        builder.Properties<QuestionScope>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<QuestionKind>().HaveConversion<string>().HaveMaxLength(16);
    }

    public static void Configure(ModelBuilder b)
    {
        b.Entity<StudyShare>(e =>
        {
            e.HasKey(x => new { x.StudyId, x.ResearcherId });
            e.Property(x => x.ResearcherId).HasMaxLength(OwnerRules.MaxIdLength);
            e.HasIndex(x => x.ResearcherId);
            e.HasOne<ResearchStudy>().WithMany().HasForeignKey(x => x.StudyId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ResearchStudy>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.CompletionCode).HasMaxLength(100);
            e.Property(s => s.RedirectUrl).HasMaxLength(2000);
            e.Property(s => s.OwnerId).HasMaxLength(OwnerRules.MaxIdLength);
            e.HasIndex(s => s.OwnerId);
            e.HasMany(s => s.Tasks).WithOne().HasForeignKey(t => t.StudyId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Conditions).WithOne().HasForeignKey(c => c.StudyId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.StudyId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<StudyTask>(e => e.Property(t => t.Title).HasMaxLength(200));
        b.Entity<StudyCondition>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(120);
            e.Property(c => c.Model).HasMaxLength(200);
        });
        b.Entity<StudyQuestion>(e => e.Property(q => q.Text).HasMaxLength(1000));
        b.Entity<StudyParticipant>(e =>
        {
            e.Property(p => p.Code).HasMaxLength(64);
            e.Property(p => p.Pseudonym).HasMaxLength(32);
            e.Property(p => p.ExternalId).HasMaxLength(200);
            e.Property(p => p.CompletionCode).HasMaxLength(120);
            e.HasIndex(p => p.Code).IsUnique();
            e.HasIndex(p => new { p.StudyId, p.Kind, p.Sequence });
            e.HasOne<ResearchStudy>().WithMany().HasForeignKey(p => p.StudyId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Trials).WithOne().HasForeignKey(t => t.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<StudyTrial>(e =>
        {
            e.HasIndex(t => new { t.ParticipantId, t.Index }).IsUnique();
            e.HasIndex(t => t.SessionId);
        });
        b.Entity<QuestionnaireAnswer>(e =>
        {
            e.Property(a => a.Instrument).HasMaxLength(16);
            e.Property(a => a.ItemKey).HasMaxLength(64);
            e.HasIndex(a => new { a.StudyId, a.ParticipantId });
            e.HasOne<StudyParticipant>().WithMany().HasForeignKey(a => a.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<StudyEventTag>(e =>
        {
            e.HasKey(t => t.EventId);
            e.HasOne(t => t.Event).WithOne().HasForeignKey<StudyEventTag>(t => t.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => new { t.StudyId, t.EventId });
            e.HasIndex(t => t.ParticipantId);
        });
    }
}

/// <summary>A study shared with another researcher: they see and edit it as its owner does (but cannot share it on).</summary>
public sealed class StudyShare
{
    public Guid StudyId { get; set; }
    /// <summary>The Identity user id of the researcher it is shared with.</summary>
    public required string ResearcherId { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
}
