using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Data;

/// <summary>
/// The app's model, provider-neutral. Each database provider has its own subclass only so that each gets its own
/// committed migrations (EF Core's "multiple context types" layout): <see cref="SqlitePersonaDbContext"/> and
/// <see cref="PostgreSqlPersonaDbContext"/>. Services use <c>IDbContextFactory&lt;PersonaDbContext&gt;</c>.
/// </summary>
public abstract class PersonaDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Profile> Profiles => Set<Profile>();
    public DbSet<Concept> Concepts => Set<Concept>();
    public DbSet<ExplorationSession> Sessions => Set<ExplorationSession>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<Need> Needs => Set<Need>();
    public DbSet<SolutionCard> SolutionCards => Set<SolutionCard>();
    public DbSet<InteractionEvent> Events => Set<InteractionEvent>();
    public DbSet<SubTask> SubTasks => Set<SubTask>();
    public DbSet<ClarifyingQuestion> ClarifyingQuestions => Set<ClarifyingQuestion>();
    public DbSet<AgentTrace> AgentTraces => Set<AgentTrace>();
    public DbSet<ProfileVersion> ProfileVersions => Set<ProfileVersion>();
    public DbSet<ConceptProposal> ConceptProposals => Set<ConceptProposal>();
    public DbSet<ConceptUsage> ConceptUsages => Set<ConceptUsage>();

    // Study mode (StudyEntities.cs)
    public DbSet<ResearchStudy> Studies => Set<ResearchStudy>();
    public DbSet<StudyTask> StudyTasks => Set<StudyTask>();
    public DbSet<StudyCondition> StudyConditions => Set<StudyCondition>();
    public DbSet<StudyQuestion> StudyQuestions => Set<StudyQuestion>();
    public DbSet<StudyParticipant> StudyParticipants => Set<StudyParticipant>();
    public DbSet<StudyTrial> StudyTrials => Set<StudyTrial>();
    public DbSet<QuestionnaireAnswer> QuestionnaireAnswers => Set<QuestionnaireAnswer>();
    public DbSet<StudyEventTag> StudyEventTags => Set<StudyEventTag>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<ConceptSource>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<MessageRole>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<MessageStatus>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<NeedKind>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<NeedStatus>().HaveConversion<string>().HaveMaxLength(16);
        StudyModel.Configure(builder);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Profile>(e =>
        {
            e.Property(p => p.Name).HasMaxLength(120);
            e.HasMany(p => p.Concepts).WithOne(c => c.Profile).HasForeignKey(c => c.ProfileId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Concept>(e =>
        {
            e.Property(c => c.Text).HasMaxLength(ConceptRules.MaxTextLength);
            e.Property(c => c.Category).HasMaxLength(40);
            e.HasIndex(c => new { c.ProfileId, c.SortOrder });
        });
        b.Entity<ExplorationSession>(e =>
        {
            e.Property(s => s.Title).HasMaxLength(200);
            e.HasIndex(s => s.UpdatedUtc);
            e.HasMany(s => s.Messages).WithOne(m => m.Session).HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Needs).WithOne().HasForeignKey(n => n.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.SolutionCards).WithOne().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Message>(e =>
        {
            e.HasIndex(m => new { m.SessionId, m.Sequence }).IsUnique(); // two tabs cannot both take one place in a conversation
            e.Property(m => m.Model).HasMaxLength(200);
        });
        b.Entity<Need>(e => e.HasIndex(n => new { n.SessionId, n.SortOrder }));
        b.Entity<SolutionCard>(e => e.HasIndex(c => new { c.SessionId, c.Rank }));
        b.Entity<SubTask>(e =>
        {
            e.Property(t => t.Title).HasMaxLength(200);
            e.HasIndex(t => new { t.SessionId, t.SortOrder });
            e.HasOne<ExplorationSession>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ClarifyingQuestion>(e =>
        {
            e.Property(q => q.Question).HasMaxLength(500);
            e.HasIndex(q => new { q.SessionId, q.MessageId });
            e.HasOne<ExplorationSession>().WithMany().HasForeignKey(q => q.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AgentTrace>(e =>
        {
            e.Property(t => t.Agent).HasMaxLength(40);
            e.Property(t => t.Model).HasMaxLength(200);
            e.HasIndex(t => new { t.SessionId, t.TurnId });
            e.HasOne<ExplorationSession>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<InteractionEvent>(e =>
        {
            e.Property(x => x.Type).HasMaxLength(64);
            e.HasIndex(x => new { x.SessionId, x.TimestampMs });
        });
        ProfileEntitiesModel.Configure(b);
        StudyModel.Configure(b);
    }
}

/// <summary>Input limits shared by the UI, services and the schema.</summary>
public static class ConceptRules
{
    public const int MaxTextLength = 300;
}
