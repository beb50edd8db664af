using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Data;

/// <summary>
/// The app's model, provider-neutral. Each database provider has its own subclass only so that each gets its own
/// committed migrations (EF Core's "multiple context types" layout): <see cref="SqlitePersonaDbContext"/> and
/// <see cref="PostgreSqlPersonaDbContext"/>. Services use <c>IDbContextFactory&lt;PersonaDbContext&gt;</c>.
/// </summary>
public abstract class PersonaDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>
    /// Whose rows this context sees: null (the default) sees every row — study mode, exports, migrations and the
    /// participant flow work across people; set (by <c>OwnedDatabase</c>) the query filters below hide every profile,
    /// session and event of anyone else, and every row reached through them, and new ones get this owner.
    /// </summary>
    public string? Owner { get; set; }

    public DbSet<ActiveProfile> ActiveProfiles => Set<ActiveProfile>();
    public DbSet<StudyShare> StudyShares => Set<StudyShare>();
    public DbSet<ModelSpend> ModelSpends => Set<ModelSpend>();
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
        ConfigureOwnership(b);
    }

    private void ConfigureOwnership(ModelBuilder b)
    {
        b.Entity<Profile>(e =>
        {
            e.Property(p => p.OwnerId).HasMaxLength(OwnerRules.MaxIdLength);
            e.HasIndex(p => p.OwnerId);
            e.HasQueryFilter(p => Owner == null || p.OwnerId == Owner);
        });
        b.Entity<ExplorationSession>(e =>
        {
            e.Property(s => s.OwnerId).HasMaxLength(OwnerRules.MaxIdLength);
            e.HasIndex(s => new { s.OwnerId, s.UpdatedUtc });
            e.HasQueryFilter(s => Owner == null || s.OwnerId == Owner);
        });
        b.Entity<InteractionEvent>(e =>
        {
            e.Property(x => x.OwnerId).HasMaxLength(OwnerRules.MaxIdLength);
            e.HasIndex(x => x.OwnerId);
            e.HasIndex(x => x.ProfileId);
            e.HasQueryFilter(x => Owner == null || x.OwnerId == Owner);
        });
        b.Entity<ActiveProfile>(e =>
        {
            e.HasKey(a => a.OwnerId);
            e.Property(a => a.OwnerId).HasMaxLength(OwnerRules.MaxIdLength);
            e.HasOne<Profile>().WithMany().HasForeignKey(a => a.ProfileId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(a => Owner == null || a.OwnerId == Owner);
        });
        b.Entity<ModelSpend>(e =>
        {
            e.HasKey(x => x.OwnerId);
            e.Property(x => x.OwnerId).HasMaxLength(OwnerRules.MaxIdLength);
            e.HasQueryFilter(x => Owner == null || x.OwnerId == Owner);
        });
        // Child rows are owned through their parent: every query that reaches one by id goes through the owner's parent.
        b.Entity<Concept>().HasQueryFilter(c => Owner == null || Profiles.Any(p => p.Id == c.ProfileId && p.OwnerId == Owner));
        b.Entity<ProfileVersion>().HasQueryFilter(v => Owner == null || Profiles.Any(p => p.Id == v.ProfileId && p.OwnerId == Owner));
        b.Entity<ConceptProposal>().HasQueryFilter(x => Owner == null || Profiles.Any(p => p.Id == x.ProfileId && p.OwnerId == Owner));
        b.Entity<ConceptUsage>().HasQueryFilter(u => Owner == null || Profiles.Any(p => p.Id == u.ProfileId && p.OwnerId == Owner));
        b.Entity<Message>().HasQueryFilter(m => Owner == null || Sessions.Any(s => s.Id == m.SessionId && s.OwnerId == Owner));
        b.Entity<Need>().HasQueryFilter(n => Owner == null || Sessions.Any(s => s.Id == n.SessionId && s.OwnerId == Owner));
        b.Entity<SolutionCard>().HasQueryFilter(c => Owner == null || Sessions.Any(s => s.Id == c.SessionId && s.OwnerId == Owner));
        b.Entity<SubTask>().HasQueryFilter(t => Owner == null || Sessions.Any(s => s.Id == t.SessionId && s.OwnerId == Owner));
        b.Entity<ClarifyingQuestion>().HasQueryFilter(q => Owner == null || Sessions.Any(s => s.Id == q.SessionId && s.OwnerId == Owner));
        b.Entity<AgentTrace>().HasQueryFilter(t => Owner == null || Sessions.Any(s => s.Id == t.SessionId && s.OwnerId == Owner));
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await CheckOwnershipAsync(synchronously: false, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        // Run synchronously: nothing in it awaits an unfinished task, so the result is ready at once.
        CheckOwnershipAsync(synchronously: true, CancellationToken.None).GetAwaiter().GetResult();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>One owner check for both saves: stamps new rows with the person and refuses children of a session or profile that is not theirs.</summary>
    private async Task CheckOwnershipAsync(bool synchronously, CancellationToken ct)
    {
        StampOwner();
        if (Owner is null) return;
        var (sessions, profiles) = ParentsOfNewRows();
        if (sessions.Count > 0 && await CountAsync(Sessions.Where(s => sessions.Contains(s.Id)), synchronously, ct) != sessions.Count) throw SessionGone();
        if (profiles.Count > 0 && await CountAsync(Profiles.Where(p => profiles.Contains(p.Id)), synchronously, ct) != profiles.Count) throw ProfileGone();
    }

    private static async Task<int> CountAsync<T>(IQueryable<T> query, bool synchronously, CancellationToken ct) =>
        synchronously ? query.Count() : await query.CountAsync(ct);

    private static InvalidOperationException SessionGone() => new("That session no longer exists.");
    private static InvalidOperationException ProfileGone() => new("That profile no longer exists.");

    /// <summary>
    /// The existing sessions and profiles that new child rows of an owned context hang under: each must be the person's
    /// own (visible through the filters), so no one can add a message, need, card or concept to someone else's.
    /// </summary>
    private (List<Guid> Sessions, List<Guid> Profiles) ParentsOfNewRows()
    {
        var added = ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var newSessions = added.OfType<ExplorationSession>().Select(s => s.Id).ToHashSet();
        var newProfiles = added.OfType<Profile>().Select(p => p.Id).ToHashSet();
        var sessions = added.Select(e => e switch
        {
            Message m => m.SessionId, Need n => n.SessionId, SolutionCard c => c.SessionId, SubTask t => t.SessionId,
            ClarifyingQuestion q => q.SessionId, AgentTrace t => t.SessionId, _ => (Guid?)null,
        }).OfType<Guid>().Where(id => !newSessions.Contains(id)).Distinct().ToList();
        var profiles = added.Select(e => e switch
        {
            Concept c => c.ProfileId, ProfileVersion v => v.ProfileId, ConceptProposal p => p.ProfileId, ConceptUsage u => u.ProfileId,
            ActiveProfile a => a.ProfileId, _ => (Guid?)null,
        }).OfType<Guid>().Where(id => !newProfiles.Contains(id)).Distinct().ToList();
        return (sessions, profiles);
    }

    /// <summary>New profiles, sessions and events of an owned context belong to its person.</summary>
    private void StampOwner()
    {
        if (Owner is not { } owner) return;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Added) continue;
            switch (entry.Entity)
            {
                case Profile { OwnerId: "" } p: p.OwnerId = owner; break;
                case ExplorationSession { OwnerId: "" } s: s.OwnerId = owner; break;
                case InteractionEvent { OwnerId: "" } ev: ev.OwnerId = owner; break;
            }
        }
    }
}

public static class OwnerRules
{
    /// <summary>Identity user ids are GUID strings; participant owners are "participant:" + 32 hex digits.</summary>
    public const int MaxIdLength = 64;
}

/// <summary>Input limits shared by the UI, services and the schema.</summary>
public static class ConceptRules
{
    public const int MaxTextLength = 300;
    /// <summary>Concepts one profile may hold, however they arrive (drawer, proposal, import, restore).</summary>
    public const int MaxPerProfile = 500;
}
