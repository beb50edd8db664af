using Microsoft.EntityFrameworkCore;

namespace PersonaExplorer.Data;

// Entities of the profile-curation feature (versions, proposals, usage). Self-contained: PersonaDbContext only
// exposes the sets and calls ProfileEntitiesModel.Configure, so the schema can be regenerated on merge.

public enum ProposalStatus { Proposed, Accepted, Dismissed }
public enum ProposalKind { Add, Change }
public enum ConfidenceLevel { Low, Medium, High }

/// <summary>A snapshot of a profile's concepts after one change (or at creation), with who/what changed it.</summary>
public sealed class ProfileVersion
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ProfileId { get; set; }
    /// <summary>1, 2, 3 … per profile.</summary>
    public int Number { get; set; }
    /// <summary>"you", "import", "curator", "system".</summary>
    public string Author { get; set; } = "you";
    /// <summary>What changed, e.g. "you: edited 'likes trains'", "import", "restore of v3".</summary>
    public string Summary { get; set; } = "";
    /// <summary>JSON array of <see cref="Features.Profiles.Versions.ConceptSnapshot"/>.</summary>
    public string SnapshotJson { get; set; } = "[]";
    public int ConceptCount { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
}

/// <summary>A concept the curator (or "build from my text") proposed; nothing enters the profile until the person accepts.</summary>
public sealed class ConceptProposal
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ProfileId { get; set; }
    public Guid? SessionId { get; set; }
    public Guid? SourceMessageId { get; set; }
    public ProposalKind Kind { get; set; } = ProposalKind.Add;
    /// <summary>For <see cref="ProposalKind.Change"/>: the concept to change.</summary>
    public Guid? TargetConceptId { get; set; }
    public required string Text { get; set; }
    /// <summary>Lower-cased, punctuation-free text: dismissed proposals are never proposed again.</summary>
    public string NormalizedText { get; set; } = "";
    public string Category { get; set; } = "general";
    public double Weight { get; set; } = 0.8;
    /// <summary>Quote from the person's own words.</summary>
    public string? Evidence { get; set; }
    public ConfidenceLevel ConfidenceLevel { get; set; } = ConfidenceLevel.Medium;
    /// <summary>0 … 1.</summary>
    public double Confidence { get; set; }
    /// <summary>Low-confidence proposals are asked as a question.</summary>
    public string? Question { get; set; }
    /// <summary>True when the person stated it explicitly (source "stated"), false when inferred.</summary>
    public bool Stated { get; set; }
    /// <summary>Stated sensitive attributes are private by default.</summary>
    public bool IsPrivate { get; set; }
    public string? SensitiveCategory { get; set; }
    /// <summary>"curator" or "text".</summary>
    public string Origin { get; set; } = "curator";
    public ProposalStatus Status { get; set; } = ProposalStatus.Proposed;
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
    public DateTime? DecidedUtc { get; set; }
}

/// <summary>One concept that was in the prompt of one answer (for the influence view).</summary>
public sealed class ConceptUsage
{
    public long Id { get; set; }
    public Guid MessageId { get; set; }
    public Guid ProfileId { get; set; }
    public required string ConceptText { get; set; }
    public string NormalizedText { get; set; } = "";
    public double Weight { get; set; }
    public DateTime UsedUtc { get; set; } = DateTime.UtcNow;
}

public static class ProfileEntitiesModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ProfileVersion>(e =>
        {
            e.HasOne<Profile>().WithMany().HasForeignKey(v => v.ProfileId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(v => new { v.ProfileId, v.Number }).IsUnique();
            e.Property(v => v.Author).HasMaxLength(32);
            e.Property(v => v.Summary).HasMaxLength(400);
        });
        b.Entity<ConceptProposal>(e =>
        {
            e.HasOne<Profile>().WithMany().HasForeignKey(p => p.ProfileId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => new { p.ProfileId, p.Status });
            e.HasIndex(p => new { p.ProfileId, p.NormalizedText });
            e.Property(p => p.Text).HasMaxLength(ConceptRules.MaxTextLength);
            e.Property(p => p.NormalizedText).HasMaxLength(ConceptRules.MaxTextLength);
            e.Property(p => p.Category).HasMaxLength(40);
            e.Property(p => p.Evidence).HasMaxLength(1000);
            e.Property(p => p.Question).HasMaxLength(400);
            e.Property(p => p.SensitiveCategory).HasMaxLength(40);
            e.Property(p => p.Origin).HasMaxLength(16);
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.ConfidenceLevel).HasConversion<string>().HasMaxLength(16);
        });
        b.Entity<ConceptUsage>(e =>
        {
            e.HasOne<Profile>().WithMany().HasForeignKey(u => u.ProfileId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Message>().WithMany().HasForeignKey(u => u.MessageId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(u => new { u.ProfileId, u.UsedUtc });
            e.HasIndex(u => u.MessageId);
            e.Property(u => u.ConceptText).HasMaxLength(ConceptRules.MaxTextLength);
            e.Property(u => u.NormalizedText).HasMaxLength(ConceptRules.MaxTextLength);
        });
    }
}
