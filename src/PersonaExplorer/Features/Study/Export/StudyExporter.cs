using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;

namespace PersonaExplorer.Features.Study.Export;

/// <summary>Which participants an export covers. Real participants always; pilot and simulated ones only when asked for.</summary>
public sealed record ExportScope(bool IncludeSimulated = false, bool IncludePilot = false)
{
    public IReadOnlyList<ParticipantKind> Kinds =>
        [ParticipantKind.Real, .. IncludeSimulated ? [ParticipantKind.Simulated] : Array.Empty<ParticipantKind>(), .. IncludePilot ? [ParticipantKind.Pilot] : Array.Empty<ParticipantKind>()];
}

/// <summary>
/// Reads a study's data as export rows. Small tables (participants, tasks, conditions) are loaded once; events and answers
/// are streamed from the database (AsAsyncEnumerable, no tracking) so exports run in bounded memory.
/// </summary>
public sealed class StudyExporter(IDbContextFactory<PersonaDbContext> factory)
{
    public sealed record Lookups(ResearchStudy Study, Dictionary<Guid, StudyParticipant> Participants, Dictionary<Guid, string> Conditions, Dictionary<Guid, string> Tasks);

    public async Task<Lookups?> LoadAsync(Guid studyId, ExportScope scope, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var study = await db.Studies.AsNoTracking().AsSplitQuery().Include(s => s.Tasks).Include(s => s.Conditions).Include(s => s.Questions)
            .FirstOrDefaultAsync(s => s.Id == studyId, ct);
        if (study is null) return null;
        var kinds = scope.Kinds.ToList();
        var participants = await db.StudyParticipants.AsNoTracking().Include(p => p.Trials)
            .Where(p => p.StudyId == studyId && kinds.Contains(p.Kind)).ToDictionaryAsync(p => p.Id, ct);
        return new Lookups(study, participants, study.Conditions.ToDictionary(c => c.Id, c => c.Name), study.Tasks.ToDictionary(t => t.Id, t => t.Title));
    }

    /// <summary>
    /// Events of the study in event order. The hot path of a large export, so it reads with a plain data reader
    /// (no change tracking, no entity materialization, ids kept as the stored text and looked up case-insensitively).
    /// </summary>
    public async IAsyncEnumerable<EventExportRow> EventsAsync(Lookups l, [EnumeratorCancellation] CancellationToken ct)
    {
        var participants = l.Participants.Values.ToDictionary(p => p.Id.ToString(), StringComparer.OrdinalIgnoreCase);
        var conditions = l.Conditions.ToDictionary(c => c.Key.ToString(), c => c.Value, StringComparer.OrdinalIgnoreCase);
        var tasks = l.Tasks.ToDictionary(c => c.Key.ToString(), c => c.Value, StringComparer.OrdinalIgnoreCase);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);

        await using var db = await factory.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e."Id", e."TimestampMs", e."Type", e."SessionId", e."PayloadJson", t."ParticipantId", t."ConditionId", t."TaskId", t."TrialIndex"
            FROM "StudyEventTags" AS t JOIN "Events" AS e ON e."Id" = t."EventId"
            WHERE t."StudyId" = @study
            ORDER BY t."EventId"
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@study";
        // SQLite keeps Guids as EF Core's upper-case text; PostgreSQL as uuid.
        parameter.Value = db.Database.IsSqlite() ? l.Study.Id.ToString().ToUpperInvariant() : l.Study.Id;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!participants.TryGetValue(GuidText(reader, 5)!, out var p)) continue; // other kinds, or deleted meanwhile
            var type = reader.GetString(2);
            if (!types.TryGetValue(type, out var pooled)) types[type] = pooled = type;
            yield return new EventExportRow(reader.GetInt64(0), reader.GetInt64(1), p.Pseudonym, KindName(p.Kind),
                reader.IsDBNull(8) ? null : reader.GetInt32(8),
                reader.IsDBNull(6) ? null : conditions.GetValueOrDefault(GuidText(reader, 6)!),
                reader.IsDBNull(7) ? null : tasks.GetValueOrDefault(GuidText(reader, 7)!),
                pooled, GuidText(reader, 3), reader.GetString(4));
        }
    }

    /// <summary>A Guid column as SQLite's upper-case text on either provider, so exports are identical after a move to PostgreSQL.</summary>
    private static string? GuidText(System.Data.Common.DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetValue(column) is Guid g ? g.ToString().ToUpperInvariant() : reader.GetString(column);

    private static string KindName(ParticipantKind kind) => kind switch
    {
        ParticipantKind.Real => "Real", ParticipantKind.Pilot => "Pilot", _ => "Simulated",
    };

    /// <summary>Answers in (participant, trial, instrument, item) order; after each complete NASA-TLX or SUS block a derived score row.</summary>
    public async IAsyncEnumerable<AnswerExportRow> AnswersAsync(Lookups l, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var studyId = l.Study.Id;
        var rows = db.QuestionnaireAnswers.AsNoTracking().Where(a => a.StudyId == studyId)
            // End-of-study answers (no trial) first on every provider: SQLite sorts NULL first, PostgreSQL last.
            .OrderBy(a => a.ParticipantId).ThenBy(a => a.TrialIndex == null ? 0 : 1).ThenBy(a => a.TrialIndex).ThenBy(a => a.Instrument).ThenBy(a => a.ItemIndex);
        var block = new List<AnswerExportRow>();
        await foreach (var a in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!l.Participants.TryGetValue(a.ParticipantId, out var p)) continue;
            var row = new AnswerExportRow(p.Pseudonym, p.Kind.ToString(), a.TrialIndex,
                a.ConditionId is { } c ? l.Conditions.GetValueOrDefault(c) : null, a.TaskId is { } t ? l.Tasks.GetValueOrDefault(t) : null,
                a.Instrument, a.ItemKey, a.ItemIndex, a.Value, a.Text, a.TimestampMs, false);
            if (block.Count > 0 && !SameBlock(block[0], row))
            {
                if (Score(block) is { } s) yield return s;
                block.Clear();
            }
            block.Add(row);
            yield return row;
        }
        if (Score(block) is { } last) yield return last;
    }

    public static IEnumerable<ParticipantExportRow> Participants(Lookups l) =>
        l.Participants.Values.OrderBy(p => p.Kind).ThenBy(p => p.Pseudonym).Select(p =>
        {
            var trials = p.Trials.OrderBy(t => t.Index).ToList();
            return new ParticipantExportRow(p.Pseudonym, p.Kind.ToString(), p.Status.ToString(), p.Sequence,
                trials.Count == 0 ? null : string.Join(" > ", trials.Select(t => l.Conditions.GetValueOrDefault(t.ConditionId, "?"))),
                trials.Count == 0 ? null : string.Join(" > ", trials.Select(t => l.Tasks.GetValueOrDefault(t.TaskId, "?"))),
                Ms(p.ConsentedUtc), Ms(p.CompletedUtc), p.CompletionCode);
        });

    /// <summary>The design as exported in study.json.</summary>
    public static object Design(ResearchStudy s) => new
    {
        id = s.Id, name = s.Name, description = s.Description, design = s.Design.ToString(), rotateTaskOrder = s.RotateTaskOrder, status = s.Status.ToString(),
        questionnaires = new { tlxAfterEachTask = s.TlxAfterEachTask, susAfterEachTask = s.SusAfterEachTask, tlxAtEnd = s.TlxAtEnd, susAtEnd = s.SusAtEnd },
        tasks = s.Tasks.OrderBy(t => t.Order).Select(t => new { id = t.Id, t.Order, t.Title, t.Instructions, t.TimeLimitMinutes, t.SeedRequest }),
        conditions = s.Conditions.OrderBy(c => c.Order).Select(c => new { id = c.Id, c.Order, c.Name, features = WorkspaceFeatures.Describe(c.Features), c.Model, c.SystemPrompt }),
        questions = s.Questions.OrderBy(q => q.Order).Select(q => new { id = q.Id.ToString("N"), scope = q.Scope.ToString(), kind = q.Kind.ToString(), q.Text, q.Points, q.LowLabel, q.HighLabel }),
    };

    private static bool SameBlock(AnswerExportRow a, AnswerExportRow b) =>
        a.Participant == b.Participant && a.ParticipantKind == b.ParticipantKind && a.TrialIndex == b.TrialIndex && a.Instrument == b.Instrument;

    private static AnswerExportRow? Score(List<AnswerExportRow> block)
    {
        if (block.Count == 0) return null;
        var first = block[0];
        double? score = first.Instrument switch
        {
            Instruments.Tlx when block.Count == 6 && block.All(b => b.Value is not null) => TlxScoring.RawScore([.. block.OrderBy(b => b.ItemIndex).Select(b => b.Value!.Value)]),
            Instruments.Sus when block.Count == 10 && block.All(b => b.Value is not null) => SusScoring.Score([.. block.OrderBy(b => b.ItemIndex).Select(b => (int)b.Value!.Value)]),
            _ => null,
        };
        return score is null ? null : first with { ItemKey = "score", ItemIndex = 0, Value = score, Text = null, Derived = true };
    }

    private static long? Ms(DateTime? utc) => utc is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)).ToUnixTimeMilliseconds() : null;
}
