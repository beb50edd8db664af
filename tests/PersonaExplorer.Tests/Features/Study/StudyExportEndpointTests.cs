using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Features.Study.Export;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Study;

/// <summary>The export downloads over HTTP, on the real app, with a database that can be made to fail part-way.</summary>
public sealed partial class StudyExportEndpointTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-export-").FullName;
    private readonly FailingReaderInterceptor _failing = new("QuestionnaireAnswers", rowsBeforeFailure: 5);
    private WebApplicationFactory<Program> _app = default!;

    public Task InitializeAsync()
    {
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Data:Directory", _dir);
            b.UseSetting("Ai:Provider", "Offline");
            // The app's own factory for its settings, with the failing interceptor added.
            b.ConfigureTestServices(s => s.AddSingleton(sp =>
            {
                var data = sp.GetRequiredService<IOptions<DataOptions>>().Value;
                return PersonaDatabase.CreateFactory(data.Provider, data.ResolveConnectionString(), data.BusyTimeoutSeconds, o => o.AddInterceptors(_failing));
            }));
        });
        return Task.CompletedTask;
    }

    private async Task<(HttpClient Client, Guid Study)> SignedInWithACompletedParticipantAsync()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var researcherId = await TestAccounts.CreateAsync(_app.Services, TestAccounts.ResearcherEmail, PersonaExplorer.Features.Accounts.Roles.Researcher);
        await TestAccounts.SignInAsync(client, TestAccounts.ResearcherEmail);

        // The study is the signed-in researcher's: created in a scope that works as that account.
        var researcher = _app.Services.CreateScope().ServiceProvider;
        researcher.GetRequiredService<PersonaExplorer.Features.Accounts.Ownership.CurrentPerson>().ActAs(researcherId);
        var store = researcher.GetRequiredService<StudyStore>();
        var flow = _app.Services.GetRequiredService<ParticipantFlow>();
        var study = (await store.GetAsync((await store.CreateAsync("Export")).Id))!;
        study.Conditions.RemoveAt(1); // chat only
        Assert.Null(await store.SaveAsync(study));
        Assert.Null(await store.SetStatusAsync(study.Id, StudyStatus.Open));
        var code = (await store.GenerateAsync(study.Id, 1))[0].Code;
        Assert.Null(await flow.ConsentAsync(code));
        for (var view = (await flow.FindAsync(code))!; view.Phase != ParticipantPhase.Done; view = (await flow.FindAsync(code))!)
        {
            if (view.Phase == ParticipantPhase.Instructions) await flow.StartTaskAsync(code, view.Participant.TrialIndex);
            else if (view.Phase == ParticipantPhase.Workspace) await flow.FinishTaskAsync(code, view.Participant.TrialIndex);
            else Assert.Null(await flow.SubmitQuestionnaireAsync(code, StudyTestDb.Answers(view), view.Phase, view.Participant.TrialIndex));
        }
        return (client, study.Id);
    }

    [Fact]
    public async Task An_export_interrupted_by_a_database_error_fails_before_its_first_byte_with_the_reason()
    {
        var (client, study) = await SignedInWithACompletedParticipantAsync();
        _failing.Armed = true;

        foreach (var file in new[] { "questionnaires.csv", "export.json", "export.zip" })
        {
            var before = _failing.Failures;
            var r = await client.GetAsync($"/study/api/studies/{study}/export/{file}");
            Assert.True(_failing.Failures > before, $"{file}: the database did not fail"); // rows were being read when it failed
            Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.Null(r.Content.Headers.ContentDisposition); // no file
            Assert.Contains("nothing was sent", await r.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_complete_export_arrives_with_its_length_and_a_manifest_whose_row_counts_match()
    {
        var (client, study) = await SignedInWithACompletedParticipantAsync();

        var r = await client.GetAsync($"/study/api/studies/{study}/export/export.zip");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, r.Content.Headers.ContentLength);
        Assert.Equal("Export-export.zip", r.Content.Headers.ContentDisposition?.FileNameStar ?? r.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var manifest = JsonDocument.Parse(zip.GetEntry(StudyExportEndpoints.ManifestName)!.Open());
        using var answers = new StreamReader(zip.GetEntry("questionnaires.csv")!.Open());
        var lines = (await answers.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal(lines - 1, manifest.RootElement.GetProperty("rows").GetProperty("questionnaires.csv").GetInt64()); // 16 answers + 2 scores + end items
        Assert.True(lines - 1 > 5);
    }


    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
