using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;

namespace PersonaExplorer.Features.Study;

public sealed record StudySummary(Guid Id, string Name, StudyStatus Status, StudyDesign Design, int Conditions, int Tasks, int Participants, int Completed);

public sealed record ParticipantRow(Guid Id, string Code, string Pseudonym, string? ExternalId, ParticipantKind Kind, ParticipantStatus Status,
    ParticipantPhase Phase, int TrialIndex, int Trials, string? Conditions, DateTime CreatedUtc, DateTime? CompletedUtc);

/// <summary>
/// Studies, their design and their participants, for researchers. Each call uses its own short-lived context.
/// With a <paramref name="person"/> (the app's scoped store) it lists and edits only the studies the researcher created or
/// that were shared with them: any other study id answers like one that does not exist. Without one (tools, tests) it sees all.
/// </summary>
public sealed class StudyStore(IDbContextFactory<PersonaDbContext> factory, TimeProvider clock, Accounts.Ownership.CurrentPerson? person = null)
{
    public const int MaxGenerate = 1000;

    private async Task<IQueryable<ResearchStudy>> VisibleAsync(PersonaDbContext db)
    {
        if (person is null) return db.Studies;
        var me = await person.OwnerIdAsync();
        return db.Studies.Where(s => s.OwnerId == me || db.StudyShares.Any(x => x.StudyId == s.Id && x.ResearcherId == me));
    }

    /// <summary>True when the current researcher owns the study or it was shared with them.</summary>
    public async Task<bool> CanSeeAsync(Guid studyId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (await VisibleAsync(db)).AnyAsync(s => s.Id == studyId, ct);
    }

    /// <summary>Shares a study the current researcher owns with another researcher (their Identity user id).</summary>
    /// <returns>null when shared, else why not.</returns>
    public async Task<string?> ShareAsync(Guid studyId, string researcherId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var me = person is null ? null : await person.OwnerIdAsync();
        var study = await (await VisibleAsync(db)).AsNoTracking().FirstOrDefaultAsync(s => s.Id == studyId, ct);
        if (study is null) return "This study no longer exists.";
        if (me is not null && study.OwnerId != me) return "Only the researcher who created the study can share it.";
        if (researcherId == study.OwnerId) return "That researcher already owns this study.";
        if (await db.StudyShares.AnyAsync(x => x.StudyId == studyId && x.ResearcherId == researcherId, ct)) return null;
        db.StudyShares.Add(new StudyShare { StudyId = studyId, ResearcherId = researcherId, CreatedUtc = Now });
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The researcher ids a study is shared with.</summary>
    public async Task<List<string>> SharedWithAsync(Guid studyId, CancellationToken ct = default)
    {
        if (!await CanSeeAsync(studyId, ct)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.StudyShares.Where(x => x.StudyId == studyId).OrderBy(x => x.CreatedUtc).Select(x => x.ResearcherId).ToListAsync(ct);
    }

    public async Task<List<StudySummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (await VisibleAsync(db)).OrderByDescending(s => s.UpdatedUtc)
            .Select(s => new StudySummary(s.Id, s.Name, s.Status, s.Design, s.Conditions.Count, s.Tasks.Count,
                db.StudyParticipants.Count(p => p.StudyId == s.Id && p.Kind == ParticipantKind.Real),
                db.StudyParticipants.Count(p => p.StudyId == s.Id && p.Kind == ParticipantKind.Real && p.Status == ParticipantStatus.Completed)))
            .ToListAsync(ct);
    }

    public async Task<ResearchStudy?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var study = await (await VisibleAsync(db)).AsNoTracking().AsSplitQuery()
            .Include(s => s.Tasks).Include(s => s.Conditions).Include(s => s.Questions)
            .FirstOrDefaultAsync(s => s.Id == id, ct);
        if (study is null) return null;
        study.Tasks.Sort((a, b) => a.Order.CompareTo(b.Order));
        study.Conditions.Sort((a, b) => a.Order.CompareTo(b.Order));
        study.Questions.Sort((a, b) => a.Order.CompareTo(b.Order));
        return study;
    }

    /// <summary>A new draft with a sensible starting point: one task, a baseline and a full condition.</summary>
    public async Task<ResearchStudy> CreateAsync(string name, CancellationToken ct = default)
    {
        var study = new ResearchStudy
        {
            Name = string.IsNullOrWhiteSpace(name) ? "New study" : name.Trim(),
            ConsentText = "You are invited to take part in a study about exploring tasks with an AI assistant. " +
                          "Your interactions with the workspace and your questionnaire answers are recorded under a pseudonymous code. " +
                          "Taking part is voluntary and you can withdraw at any time, which deletes your data.",
            CompletionCode = ParticipantCodes.NewCompletionCode(),
            CreatedUtc = Now, UpdatedUtc = Now,
            OwnerId = person is null ? "" : await person.OwnerIdAsync(),
        };
        study.Tasks.Add(new StudyTask { Title = "Plan a weekend trip", Instructions = "Use the assistant to plan a weekend trip that suits you.", Order = 0 });
        study.Conditions.Add(new StudyCondition { Name = "Chat only", Features = StudyFeatures.ChatOnly, Order = 0 });
        study.Conditions.Add(new StudyCondition { Name = "Full workspace", Features = StudyFeatures.All, Order = 1 });
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Studies.Add(study);
        await db.SaveChangesAsync(ct);
        return study;
    }

    /// <returns>null when saved, else why not (nothing is saved then).</returns>
    public async Task<string?> SaveAsync(ResearchStudy edited, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(edited.Name)) return "A study needs a name.";
        if (edited.RedirectUrl is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("https" or "http")))
            return "The redirect URL must be an absolute http(s) address.";
        if (edited.Questions.Any(q => q.Kind == QuestionKind.Likert && q.Points is < 2 or > 11)) return "Likert items have 2 to 11 points.";
        if (edited.Tasks.Any(t => t.TimeLimitMinutes is <= 0 or > 600)) return "Time limits are 1 to 600 minutes.";

        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await (await VisibleAsync(db)).AsSplitQuery().Include(s => s.Tasks).Include(s => s.Conditions).Include(s => s.Questions)
            .FirstOrDefaultAsync(s => s.Id == edited.Id, ct);
        if (stored is null) return "This study no longer exists.";
        Renumber(edited);
        var violations = StudyLock.Violations(stored, edited);
        if (violations.Count > 0) return StudyLock.Message + " (Changed: " + string.Join(", ", violations) + ".)";

        stored.Name = edited.Name.Trim();
        stored.Description = edited.Description;
        stored.RedirectUrl = string.IsNullOrWhiteSpace(edited.RedirectUrl) ? null : edited.RedirectUrl.Trim();
        if (!StudyLock.IsDesignLocked(stored.Status))
        {
            stored.ConsentText = edited.ConsentText;
            stored.CompletionCode = edited.CompletionCode.Trim();
            stored.Design = edited.Design;
            stored.RotateTaskOrder = edited.RotateTaskOrder;
            (stored.TlxAfterEachTask, stored.SusAfterEachTask, stored.TlxAtEnd, stored.SusAtEnd) =
                (edited.TlxAfterEachTask, edited.SusAfterEachTask, edited.TlxAtEnd, edited.SusAtEnd);
            Sync(db, stored.Tasks, edited.Tasks, s => s.Id, (s, e) =>
            {
                s.Order = e.Order; s.Title = e.Title.Trim(); s.Instructions = e.Instructions; s.TimeLimitMinutes = e.TimeLimitMinutes;
                s.SeedRequest = string.IsNullOrWhiteSpace(e.SeedRequest) ? null : e.SeedRequest;
            }, e => new StudyTask { Id = e.Id, StudyId = stored.Id, Title = e.Title.Trim() });
            Sync(db, stored.Conditions, edited.Conditions, s => s.Id, (s, e) =>
            {
                s.Order = e.Order; s.Name = e.Name.Trim(); s.Features = e.Features;
                s.Model = string.IsNullOrWhiteSpace(e.Model) ? null : e.Model.Trim();
                s.SystemPrompt = string.IsNullOrWhiteSpace(e.SystemPrompt) ? null : e.SystemPrompt;
            }, e => new StudyCondition { Id = e.Id, StudyId = stored.Id, Name = e.Name.Trim() });
            Sync(db, stored.Questions, edited.Questions, s => s.Id, (s, e) =>
            {
                s.Order = e.Order; s.Scope = e.Scope; s.Kind = e.Kind; s.Text = e.Text.Trim(); s.Points = e.Points;
                s.LowLabel = e.LowLabel; s.HighLabel = e.HighLabel;
            }, e => new StudyQuestion { Id = e.Id, StudyId = stored.Id, Text = e.Text.Trim() });
        }
        stored.UpdatedUtc = Now;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <returns>null when the status changed, else why not.</returns>
    public async Task<string?> SetStatusAsync(Guid id, StudyStatus status, CancellationToken ct = default)
    {
        var study = await GetAsync(id, ct);
        if (study is null) return "This study no longer exists.";
        var error = (study.Status, status) switch
        {
            (StudyStatus.Draft, StudyStatus.Open) => StudyLock.CanOpen(study),
            (StudyStatus.Open, StudyStatus.Closed) or (StudyStatus.Closed, StudyStatus.Open) => null,
            _ when study.Status == status => null,
            _ => $"A {study.Status.ToString().ToLowerInvariant()} study cannot become {status.ToString().ToLowerInvariant()}.",
        };
        if (error is not null) return error;
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Studies.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status).SetProperty(s => s.UpdatedUtc, Now), ct);
        return null;
    }

    public async Task<List<ParticipantRow>> ParticipantsAsync(Guid studyId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await (await VisibleAsync(db)).AnyAsync(s => s.Id == studyId, ct)) return [];
        var conditions = await db.StudyConditions.Where(c => c.StudyId == studyId).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var rows = await db.StudyParticipants.AsNoTracking().Include(p => p.Trials).Where(p => p.StudyId == studyId)
            .OrderBy(p => p.Kind).ThenBy(p => p.CreatedUtc).ThenBy(p => p.Pseudonym).ToListAsync(ct);
        return [.. rows.Select(p => new ParticipantRow(p.Id, p.Code, p.Pseudonym, p.ExternalId, p.Kind, p.Status, p.Phase, p.TrialIndex, p.Trials.Count,
            p.Trials.Count == 0 ? null : string.Join(" → ", p.Trials.OrderBy(t => t.Index).Select(t => conditions.GetValueOrDefault(t.ConditionId, "?")).Distinct()),
            p.CreatedUtc, p.CompletedUtc))];
    }

    /// <summary>Creates <paramref name="count"/> participants with fresh link codes.</summary>
    public async Task<IReadOnlyList<StudyParticipant>> GenerateAsync(Guid studyId, int count, ParticipantKind kind = ParticipantKind.Real,
        IReadOnlyList<string>? externalIds = null, Guid? forcedCondition = null, string? simulatorProfile = null, CancellationToken ct = default)
    {
        if (externalIds is not null) count = externalIds.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, kind == ParticipantKind.Real ? ParticipantCsvImport.MaxRows : MaxGenerate);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await (await VisibleAsync(db)).AnyAsync(s => s.Id == studyId, ct)) throw new InvalidOperationException("This study no longer exists.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var number = await db.StudyParticipants.CountAsync(p => p.StudyId == studyId && p.Kind == kind, ct);
        var created = Enumerable.Range(0, count).Select(i => new StudyParticipant
        {
            StudyId = studyId, Kind = kind, Code = ParticipantCodes.New(), Pseudonym = ParticipantCodes.Pseudonym(kind, number + i + 1),
            ExternalId = externalIds?[i], ForcedConditionId = forcedCondition, SimulatorProfile = simulatorProfile,
            Status = ParticipantStatus.Invited, Phase = ParticipantPhase.Consent, CreatedUtc = Now,
        }).ToList();
        db.StudyParticipants.AddRange(created);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return created;
    }

    /// <summary>All-or-nothing import of external IDs from CSV.</summary>
    public async Task<CsvImportResult> ImportAsync(Guid studyId, TextReader csv, CancellationToken ct = default)
    {
        if (!await CanSeeAsync(studyId, ct)) throw new InvalidOperationException("This study no longer exists.");
        HashSet<string> existing;
        await using (var db = await factory.CreateDbContextAsync(ct))
            existing = [.. await db.StudyParticipants.Where(p => p.StudyId == studyId && p.ExternalId != null).Select(p => p.ExternalId!).ToListAsync(ct)];
        var result = ParticipantCsvImport.Parse(csv, existing);
        if (result.Ok) await GenerateAsync(studyId, 0, ParticipantKind.Real, result.ExternalIds, ct: ct);
        return result;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static void Renumber(ResearchStudy s)
    {
        for (var i = 0; i < s.Tasks.Count; i++) s.Tasks[i].Order = i;
        for (var i = 0; i < s.Conditions.Count; i++) s.Conditions[i].Order = i;
        for (var i = 0; i < s.Questions.Count; i++) s.Questions[i].Order = i;
    }

    private static void Sync<T>(PersonaDbContext db, List<T> stored, List<T> edited, Func<T, Guid> id, Action<T, T> copy, Func<T, T> create) where T : class
    {
        foreach (var gone in stored.Where(s => edited.All(e => id(e) != id(s))).ToList())
        {
            db.Remove(gone);
            stored.Remove(gone);
        }
        foreach (var e in edited)
        {
            var s = stored.FirstOrDefault(x => id(x) == id(e));
            if (s is null)
            {
                s = create(e);
                db.Add(s);
            }
            copy(s, e);
        }
    }
}
