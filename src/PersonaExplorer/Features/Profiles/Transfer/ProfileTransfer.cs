using System.Text;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles.Versions;

namespace PersonaExplorer.Features.Profiles.Transfer;

/// <summary>A profile file as read and validated, before anything is written.</summary>
public sealed record ProfileDocument(string Name, IReadOnlyList<ConceptDraft> Concepts);

/// <summary>Either a valid document or the problems that make the file unusable (nothing is written then).</summary>
public sealed record ProfileParseResult(ProfileDocument? Document, IReadOnlyList<string> Errors)
{
    public bool Ok => Document is not null && Errors.Count == 0;
    public static ProfileParseResult Fail(params string[] errors) => new(null, errors);
}

/// <summary>
/// Profile files: JSON with a versioned schema (<c>{"schema":"personaexplorer.profile","version":1,"name":…,"concepts":[…]}</c>)
/// (<see cref="ProfileJson"/>) and human-readable Markdown that reads back in (<see cref="ProfileMarkdown"/>). Both are
/// validated completely before anything is written.
/// </summary>
public static class ProfileTransfer
{
    public const string Schema = "personaexplorer.profile";
    public const int Version = 1;
    public const int MaxFileBytes = 256 * 1024;
    public const int MaxConcepts = ConceptRules.MaxPerProfile;
    public const int MaxEvidenceLength = 1000;
    public const int MaxCategoryLength = 40;
    internal const int MaxErrors = 12;

    /// <summary>Session-scoped concepts belong to one exploration and are not exported.</summary>
    public static IEnumerable<Concept> Exportable(Profile profile) =>
        profile.Concepts.Where(c => c.SessionId is null).OrderBy(c => c.SortOrder).ThenBy(c => c.CreatedUtc);

    public static string ToJson(Profile profile) => ProfileJson.ToJson(profile);

    public static string ToMarkdown(Profile profile) => ProfileMarkdown.ToMarkdown(profile);

    public static string FileName(Profile profile, string extension)
    {
        var safe = new string(profile.Name.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch : '-').ToArray()).Trim('-');
        return $"{(safe.Length == 0 ? "profile" : safe)}.{extension}";
    }

    /// <summary>Reads a JSON or Markdown profile file (by extension, else by content) and validates all of it.</summary>
    public static ProfileParseResult Parse(string fileName, byte[] content)
    {
        if (content.Length == 0) return ProfileParseResult.Fail("The file is empty.");
        if (content.Length > MaxFileBytes)
            return ProfileParseResult.Fail($"The file is too large: {content.Length / 1024.0:N0} KB; profile files are at most {MaxFileBytes / 1024} KB.");
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return ProfileParseResult.Fail("The file is not UTF-8 text (is it a profile exported from PersonaExplorer?).");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var markdown = ext is ".md" or ".markdown" || (ext != ".json" && text.TrimStart().StartsWith('#'));
        var result = markdown ? ProfileMarkdown.ParseMarkdown(text) : ProfileJson.ParseJson(text);
        // PostgreSQL cannot store U+0000 in text (SQLite can): refuse it here with a reason instead of failing at save.
        return result.Document is { } doc && (doc.Name.Contains('\0') || doc.Concepts.Any(c => $"{c.Text}{c.Category}{c.Evidence}".Contains('\0')))
            ? ProfileParseResult.Fail("The file contains a NUL character (U+0000), which is not text; nothing was imported.")
            : result;
    }

    internal static void CheckDuplicates(IReadOnlyList<ConceptDraft> drafts, List<string> errors)
    {
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var key = ConceptText.Normalize(drafts[i].Text);
            if (seen.TryGetValue(key, out var first)) errors.Add($"Concept \"{ProfileHistory.Shorten(drafts[i].Text, 60)}\" appears twice (#{first + 1} and #{i + 1}).");
            else seen[key] = i;
        }
    }

}
