using System.IO.Compression;
using System.Text;
using System.Text.Json;
using PersonaExplorer.Features.Study.Auth;

namespace PersonaExplorer.Features.Study.Export;

/// <summary>
/// Researcher-only export downloads under /study/api/studies/{id}/export/…; ?simulated=true and ?pilot=true add those participants.
/// Everything is written to the response as it is read (no buffering of the whole export).
/// </summary>
public static class StudyExportEndpoints
{
    public const string Base = "/study/api/studies/{id:guid}/export";

    public static IEndpointRouteBuilder MapStudyExport(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Base).RequireAuthorization(StudyAuth.Policy);
        group.MapGet("/events.csv", (Guid id, bool? simulated, bool? pilot, StudyExporter ex, HttpContext http) =>
            Stream(http, ex, id, new(simulated == true, pilot == true), "text/csv", "events.csv",
                (l, s, ct) => StudyExportWriter.WriteEventsCsvAsync(s, ex.EventsAsync(l, ct), ct)));
        group.MapGet("/questionnaires.csv", (Guid id, bool? simulated, bool? pilot, StudyExporter ex, HttpContext http) =>
            Stream(http, ex, id, new(simulated == true, pilot == true), "text/csv", "questionnaires.csv",
                (l, s, ct) => StudyExportWriter.WriteAnswersCsvAsync(s, ex.AnswersAsync(l, ct), ct)));
        group.MapGet("/participants.csv", (Guid id, bool? simulated, bool? pilot, StudyExporter ex, HttpContext http) =>
            Stream(http, ex, id, new(simulated == true, pilot == true), "text/csv", "participants.csv",
                async (l, s, ct) => { await StudyExportWriter.WriteParticipantsCsvAsync(s, StudyExporter.Participants(l), ct); return 0; }));
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

    /// <summary>All files of an export in one zip, each entry streamed.</summary>
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
        await Entry("participants.csv", s => StudyExportWriter.WriteParticipantsCsvAsync(s, StudyExporter.Participants(l), ct));
        await Entry("questionnaires.csv", s => StudyExportWriter.WriteAnswersCsvAsync(s, ex.AnswersAsync(l, ct), ct));
        long n = 0;
        await Entry("events.csv", async s => n = await StudyExportWriter.WriteEventsCsvAsync(s, ex.EventsAsync(l, ct), ct));
        return n;
    }

    private static async Task<IResult> Stream(HttpContext http, StudyExporter ex, Guid id, ExportScope scope, string contentType, string fileName,
        Func<StudyExporter.Lookups, Stream, CancellationToken, Task<long>> write)
    {
        var ct = http.RequestAborted;
        var lookups = await ex.LoadAsync(id, scope, ct);
        if (lookups is null) return Results.NotFound();
        var slug = new string(lookups.Study.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        http.Response.ContentType = contentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{(slug.Length == 0 ? "study" : slug)}-{fileName}\"";
        http.Response.Headers.CacheControl = "no-store";
        await write(lookups, http.Response.Body, ct);
        return Results.Empty;
    }
}
