using CsvHelper;

namespace PersonaExplorer.Features.Study;

public sealed record CsvImportError(long Line, string Message);

public sealed record CsvImportResult(IReadOnlyList<string> ExternalIds, IReadOnlyList<CsvImportError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Reads a CSV of external participant IDs (a header row with an <c>external_id</c> column; other columns are ignored).
/// All-or-nothing: any bad row makes the whole file rejected, with every problem reported by line.
/// </summary>
public static class ParticipantCsvImport
{
    public const string Column = "external_id";
    public const int MaxRows = 10_000;
    public const int MaxIdLength = 200;

    public static CsvImportResult Parse(TextReader reader, IReadOnlySet<string> existing)
    {
        var errors = new List<CsvImportError>();
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var options = new CsvReaderOptions
        {
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = 64 * 1024,
        };
        try
        {
            using var csv = CsvReader.Create(reader, options, leaveOpen: true);
            if (csv.Headers.Count == 0) return new([], [new(1, "The file is empty.")]);
            if (!csv.TryGetFieldIndex(Column, out var column))
                return new([], [new(1, $"The header row needs a column named \"{Column}\".")]);
            while (csv.Read())
            {
                var line = csv.LineNumber;
                if (ids.Count + errors.Count >= MaxRows)
                {
                    errors.Add(new(line, $"At most {MaxRows:N0} participants can be imported at once."));
                    break;
                }
                var id = (csv.GetString(column) ?? "").Trim();
                var problem = id switch
                {
                    "" => "The external ID is empty.",
                    { Length: > MaxIdLength } => $"The external ID is longer than {MaxIdLength} characters.",
                    _ when id.Any(char.IsControl) => "The external ID contains control characters.",
                    _ when existing.Contains(id) => $"\"{id}\" is already a participant of this study.",
                    _ when !seen.Add(id) => $"\"{id}\" appears more than once in the file.",
                    _ => null,
                };
                if (problem is null) ids.Add(id);
                else errors.Add(new(line, problem));
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new(ex.LineNumber, "The file is not valid CSV: " + ex.Message.Split('\n')[0]));
        }
        if (errors.Count == 0 && ids.Count == 0) errors.Add(new(2, "The file has no participants."));
        return errors.Count == 0 ? new(ids, []) : new([], errors);
    }
}
