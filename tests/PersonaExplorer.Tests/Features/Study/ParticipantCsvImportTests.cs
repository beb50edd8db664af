using PersonaExplorer.Data;
using PersonaExplorer.Features.Study;

namespace PersonaExplorer.Tests.Features.Study;

public class ParticipantCsvImportTests
{
    private static CsvImportResult Parse(string csv, params string[] existing) => ParticipantCsvImport.Parse(new StringReader(csv), existing.ToHashSet());

    [Fact]
    public void Reads_ids_from_the_external_id_column_and_ignores_others()
    {
        var r = Parse("name,external_id\nAda,abc-1\n\"Grace, H\",  abc-2  \n");
        Assert.True(r.Ok);
        Assert.Equal(["abc-1", "abc-2"], r.ExternalIds);
    }

    [Fact]
    public void Reports_every_bad_row_by_line_and_imports_nothing()
    {
        var r = Parse("external_id\nok-1\n\"\"\nok-1\nknown\n" + new string('x', 201) + "\nok-2\n", "known");
        Assert.False(r.Ok);
        Assert.Empty(r.ExternalIds);
        Assert.Equal([3L, 4L, 5L, 6L], r.Errors.Select(e => e.Line));
        Assert.Contains("empty", r.Errors[0].Message);
        Assert.Contains("more than once", r.Errors[1].Message);
        Assert.Contains("already a participant", r.Errors[2].Message);
        Assert.Contains("longer than", r.Errors[3].Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("id,name\n1,a\n", "external_id")]
    [InlineData("external_id\n", "no participants")]
    [InlineData("external_id\n\"unterminated\n", "not valid CSV")]
    public void Rejects_files_without_the_column_or_rows_or_with_broken_quoting(string csv, string message)
    {
        var r = Parse(csv);
        Assert.False(r.Ok);
        Assert.Contains(message, r.Errors[0].Message);
    }

    [Fact]
    public async Task Importing_is_all_or_nothing_in_the_database()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        Assert.False((await t.Store.ImportAsync(study.Id, new StringReader("external_id\na\n\n\"\"\nb\n"))).Ok);
        Assert.Empty(await t.Store.ParticipantsAsync(study.Id));
        var ok = await t.Store.ImportAsync(study.Id, new StringReader("external_id\na\nb\n"));
        Assert.True(ok.Ok);
        var rows = await t.Store.ParticipantsAsync(study.Id);
        Assert.Equal(["a", "b"], rows.Select(r => r.ExternalId).Order());
        Assert.All(rows, r => Assert.True(ParticipantCodes.LooksValid(r.Code)));
        // re-importing an existing ID is a reported error
        Assert.False((await t.Store.ImportAsync(study.Id, new StringReader("external_id\nb\nc\n"))).Ok);
        Assert.Equal(2, (await t.Store.ParticipantsAsync(study.Id)).Count);
    }
}
