using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace PersonaExplorer.Features.Study.Export;

/// <summary>One event, long format (one row per event). Only pseudonymous identifiers.</summary>
public sealed record EventExportRow(long EventId, long TimestampMs, string Participant, string ParticipantKind, int? TrialIndex,
    string? Condition, string? Task, string EventType, string? SessionId, string PayloadJson);

/// <summary>One questionnaire item answer, long format (one row per item), plus derived score rows (item_key = "score").</summary>
public sealed record AnswerExportRow(string Participant, string ParticipantKind, int? TrialIndex, string? Condition, string? Task,
    string Instrument, string ItemKey, int ItemIndex, double? Value, string? Text, long TimestampMs, bool Derived);

public sealed record ParticipantExportRow(string Participant, string ParticipantKind, string Status, int? Sequence, string? ConditionOrder,
    string? TaskOrder, long? ConsentedMs, long? CompletedMs, string? CompletionCode);

/// <summary>
/// Writes exports straight to a stream as rows arrive (nothing is buffered beyond the writer's own buffer), so
/// memory stays flat however many events a study has. CSV via CsvHelper (RFC 4180, invariant culture).
/// </summary>
public static class StudyExportWriter
{
    public static readonly string[] EventColumns =
        ["event_id", "timestamp_ms", "timestamp_utc", "participant", "participant_kind", "trial_index", "condition", "task", "event_type", "session_id", "payload_json"];
    public static readonly string[] AnswerColumns =
        ["participant", "participant_kind", "trial_index", "condition", "task", "instrument", "item_key", "item_index", "value", "text", "timestamp_ms", "derived"];
    public static readonly string[] ParticipantColumns =
        ["participant", "participant_kind", "status", "sequence", "condition_order", "task_order", "consented_ms", "completed_ms", "completion_code"];

    private const int FlushEvery = 5000;

    /// <summary>
    /// RFC 4180; text cells that a spreadsheet would run as a formula get a leading apostrophe: those starting with = + - @,
    /// tab or CR (CsvHelper's default injection characters, OWASP's list). Numbers stay numbers (-5 is not escaped).
    /// </summary>
    public static readonly CsvWriterOptions CsvOptions = new() { Injection = CsvInjection.Escape };

    public static async Task<long> WriteEventsCsvAsync(Stream output, IAsyncEnumerable<EventExportRow> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, CsvOptions, leaveOpen: true);
        csv.WriteHeader(EventColumns);
        long n = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            csv.WriteField(r.EventId, default);
            csv.WriteField(r.TimestampMs, default);
            csv.WriteField(DateTimeOffset.FromUnixTimeMilliseconds(r.TimestampMs).UtcDateTime, IsoFormat);
            csv.WriteField(r.Participant);
            csv.WriteField(r.ParticipantKind);
            csv.WriteField(r.TrialIndex, default);
            csv.WriteField(r.Condition);
            csv.WriteField(r.Task);
            csv.WriteField(r.EventType);
            csv.WriteField(r.SessionId);
            csv.WriteField(r.PayloadJson);
            await csv.EndRecordAsync(ct);
            ++n;
        }
        await csv.FlushAsync(ct);
        return n;
    }

    public static async Task<long> WriteAnswersCsvAsync(Stream output, IAsyncEnumerable<AnswerExportRow> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, CsvOptions, leaveOpen: true);
        csv.WriteHeader(AnswerColumns);
        long n = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            csv.WriteField(r.Participant);
            csv.WriteField(r.ParticipantKind);
            csv.WriteField(r.TrialIndex, default);
            csv.WriteField(r.Condition);
            csv.WriteField(r.Task);
            csv.WriteField(r.Instrument);
            csv.WriteField(r.ItemKey);
            csv.WriteField(r.ItemIndex, default);
            csv.WriteField(r.Value, default);
            csv.WriteField(r.Text);
            csv.WriteField(r.TimestampMs, default);
            csv.WriteField(r.Derived ? "1" : "0");
            await csv.EndRecordAsync(ct);
            ++n;
        }
        await csv.FlushAsync(ct);
        return n;
    }

    public static async Task<long> WriteParticipantsCsvAsync(Stream output, IEnumerable<ParticipantExportRow> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, CsvOptions, leaveOpen: true);
        csv.WriteHeader(ParticipantColumns);
        long n = 0;
        foreach (var r in rows)
        {
            ct.ThrowIfCancellationRequested();
            csv.WriteField(r.Participant);
            csv.WriteField(r.ParticipantKind);
            csv.WriteField(r.Status);
            csv.WriteField(r.Sequence, default);
            csv.WriteField(r.ConditionOrder);
            csv.WriteField(r.TaskOrder);
            csv.WriteField(r.ConsentedMs, default);
            csv.WriteField(r.CompletedMs, default);
            csv.WriteField(r.CompletionCode);
            await csv.EndRecordAsync(ct);
            ++n;
        }
        await csv.FlushAsync(ct);
        return n;
    }

    /// <summary>
    /// One JSON document: { study, participants: [...], answers: [...], events: [...], row_counts: {...} }, written incrementally;
    /// row_counts comes last, so a document that has it is complete.
    /// </summary>
    public static async Task<long> WriteJsonAsync(Stream output, object study, IEnumerable<ParticipantExportRow> participants,
        IAsyncEnumerable<AnswerExportRow> answers, IAsyncEnumerable<EventExportRow> events, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = false });
        json.WriteStartObject();
        json.WritePropertyName("study");
        JsonSerializer.Serialize(json, study);
        json.WriteStartArray("participants");
        long people = 0, answered = 0;
        foreach (var p in participants)
        {
            ++people;
            json.WriteStartObject();
            json.WriteString("participant", p.Participant);
            json.WriteString("participant_kind", p.ParticipantKind);
            json.WriteString("status", p.Status);
            WriteNumber(json, "sequence", p.Sequence);
            json.WriteString("condition_order", p.ConditionOrder);
            json.WriteString("task_order", p.TaskOrder);
            WriteNumber(json, "consented_ms", p.ConsentedMs);
            WriteNumber(json, "completed_ms", p.CompletedMs);
            json.WriteString("completion_code", p.CompletionCode);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("answers");
        await foreach (var a in answers.WithCancellation(ct))
        {
            ++answered;
            json.WriteStartObject();
            json.WriteString("participant", a.Participant);
            json.WriteString("participant_kind", a.ParticipantKind);
            WriteNumber(json, "trial_index", a.TrialIndex);
            json.WriteString("condition", a.Condition);
            json.WriteString("task", a.Task);
            json.WriteString("instrument", a.Instrument);
            json.WriteString("item_key", a.ItemKey);
            json.WriteNumber("item_index", a.ItemIndex);
            if (a.Value is { } v) json.WriteNumber("value", v); else json.WriteNull("value");
            json.WriteString("text", a.Text);
            json.WriteNumber("timestamp_ms", a.TimestampMs);
            json.WriteBoolean("derived", a.Derived);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("events");
        long n = 0;
        await foreach (var e in events.WithCancellation(ct))
        {
            json.WriteStartObject();
            json.WriteNumber("event_id", e.EventId);
            json.WriteNumber("timestamp_ms", e.TimestampMs);
            json.WriteString("participant", e.Participant);
            json.WriteString("participant_kind", e.ParticipantKind);
            WriteNumber(json, "trial_index", e.TrialIndex);
            json.WriteString("condition", e.Condition);
            json.WriteString("task", e.Task);
            json.WriteString("event_type", e.EventType);
            json.WriteString("session_id", e.SessionId);
            json.WritePropertyName("payload");
            WritePayload(json, e.PayloadJson);
            json.WriteEndObject();
            if (++n % FlushEvery == 0) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        json.WriteStartObject("row_counts");
        json.WriteNumber("participants", people);
        json.WriteNumber("answers", answered);
        json.WriteNumber("events", n);
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(ct);
        return n;
    }

    private static void WritePayload(Utf8JsonWriter json, string payload)
    {
        try { json.WriteRawValue(payload, skipInputValidation: false); }
        catch (JsonException) { json.WriteStringValue(payload); }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v) json.WriteNumber(name, v); else json.WriteNull(name);
    }

    private const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
}
