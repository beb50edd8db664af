using System.IO.Compression;
using System.Text;
using System.Text.Json;
using PersonaExplorer.Features.Accounts;

namespace PersonaExplorer.Features.Study.Export;

/// <summary>
/// Researcher-only export downloads under /study/api/studies/{id}/export/…; ?simulated=true and ?pilot=true add those participants.
/// An export is first written to a temporary file as it is read (memory stays flat), then sent with its Content-Length: a
/// database error mid-way fails the request before its first byte (500 with the reason), and a download cut short is
/// visibly short. The zip also ends with manifest.json (row counts) and export.json with row_counts.
/// </summary>
public static class StudyExportEndpoints
{
    public const string Base = "/study/api/studies/{id:guid}/export";

    public static IEndpointRouteBuilder MapStudyExport(this IEndpointRouteBuilder app)
    {
        // An API: a 404 stays a plain 404 (no not-found page).
        var group = app.MapGroup(Base).RequireAuthorization(AccountPolicies.Researcher).WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
        group.MapGet("/events.csv", (Guid id, bool? simulated, bool? pilot, StudyExporter ex, HttpContext http) =>
            Stream(http, ex, id, new(simulated == true, pilot == true), "text/csv", "events.csv",
                (l, s, ct) => StudyExportWriter.WriteEventsCsvAsync(s, ex.EventsAsync(l, ct), ct)));
        group.MapGet("/questionnaires.csv", (Guid id, bool? simulated, bool? pilot, StudyExporter ex, HttpContext http) =>
            Stream(http, ex, id, new(simulated == true, pilot == true), "text/csv", "questionnaires.csv",
                (l, s, ct) => StudyExportWriter.WriteAnswersCsvAsync(s, ex.AnswersAsync(l, ct), ct)));
        group.MapGet("/participants.csv", (Guid id, bool? simulated, bool? pilot, StudyExporter ex, HttpContext http) =>
            Stream(http, ex, id, new(simulated == true, pilot == true), "text/csv", "participants.csv",
                (l, s, ct) => StudyExportWriter.WriteParticipantsCsvAsync(s, StudyExporter.Participants(l), ct)));
        group.MapGet("/export.json", (Guid id, bool? simulated, bool? pilot, StudyExporter ex, HttpContext http) =>
            Stream(http, ex, id, new(simulated == true, pilot == true), "application/json", "export.json",
                (l, s, ct) => StudyExportWriter.WriteJsonAsync(s, StudyExporter.Design(l.Study), StudyExporter.Participants(l), ex.AnswersAsync(l, ct), ex.EventsAsync(l, ct), ct)));
        group.MapGet("/codebook.md", (Guid id, bool? simulated, bool? pilot, StudyExporter ex, HttpContext http) =>
            Stream(http, ex, id, new(simulated == true, pilot == true), "text/markdown", "README.md",
                async (l, s, ct) => { await s.WriteAsync(Encoding.UTF8.GetBytes(Codebook.Markdown(l.Study.Name, simulated == true, pilot == true)), ct); return 0; }));
        group.MapGet("/export.zip", (Guid id, bool? simulated, bool? pilot, StudyExporter ex, HttpContext http) =>
            Stream(http, ex, id, new(simulated == true, pilot == true), "application/zip", "export.zip",
                (l, s, ct) => WriteZipAsync(s, ex, l, simulated == true, pilot == true, ct)));
        return app;
    }

    /// <summary>All files of an export in one zip, each entry streamed; the last entry, manifest.json, holds every file's row count.</summary>
    public static async Task<long> WriteZipAsync(Stream output, StudyExporter ex, StudyExporter.Lookups l, bool simulated, bool pilot, CancellationToken ct)
    {
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        async Task Entry(string name, Func<Stream, Task> write)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
            await using var s = await entry.OpenAsync(ct);
            await write(s);
        }
        await Entry("README.md", s => s.WriteAsync(Encoding.UTF8.GetBytes(Codebook.Markdown(l.Study.Name, simulated, pilot)), ct).AsTask());
        await Entry("study.json", s => JsonSerializer.SerializeAsync(s, StudyExporter.Design(l.Study), new JsonSerializerOptions { WriteIndented = true }, ct));
        long people = 0, answers = 0, events = 0;
        await Entry("participants.csv", async s => people = await StudyExportWriter.WriteParticipantsCsvAsync(s, StudyExporter.Participants(l), ct));
        await Entry("questionnaires.csv", async s => answers = await StudyExportWriter.WriteAnswersCsvAsync(s, ex.AnswersAsync(l, ct), ct));
        await Entry("events.csv", async s => events = await StudyExportWriter.WriteEventsCsvAsync(s, ex.EventsAsync(l, ct), ct));
        await Entry(ManifestName, s => JsonSerializer.SerializeAsync(s, new ExportManifest(true, new()
        {
            ["participants.csv"] = people, ["questionnaires.csv"] = answers, ["events.csv"] = events,
        }), ManifestJson, ct));
        return events;
    }

    public const string ManifestName = "manifest.json";

    /// <summary>The zip's last entry: <c>complete</c> and the data rows of each CSV (headers not counted).</summary>
    public sealed record ExportManifest(bool Complete, Dictionary<string, long> Rows);

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static async Task<IResult> Stream(HttpContext http, StudyExporter ex, Guid id, ExportScope scope, string contentType, string fileName,
        Func<StudyExporter.Lookups, Stream, CancellationToken, Task<long>> write)
    {
        var ct = http.RequestAborted;
        // A study that is neither yours nor shared with you answers like one that does not exist.
        if (!await http.RequestServices.GetRequiredService<StudyStore>().CanSeeAsync(id, ct)) return Results.NotFound();
        var lookups = await ex.LoadAsync(id, scope, ct);
        if (lookups is null) return Results.NotFound();
        var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"pe-export-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await write(lookups, spool, ct);
            await spool.FlushAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await spool.DisposeAsync();
            http.RequestServices.GetRequiredService<ILogger<StudyExporter>>().LogError(e, "Export {File} of study {Study} failed", fileName, id);
            return Results.Problem(title: "The export failed", statusCode: StatusCodes.Status500InternalServerError,
                detail: "Reading the study data failed part-way, so nothing was sent (a partial file could look complete). Try the export again.");
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
        spool.Position = 0;
        var slug = new string(lookups.Study.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(spool, contentType, $"{(slug.Length == 0 ? "study" : slug)}-{fileName}"); // disposes (deletes) the spool file
    }
}
