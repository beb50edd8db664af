using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Features.Study.Export;

namespace PersonaExplorer.Tests.Features.Study;

/// <summary>A migrated SQLite database in a temp file and the study services over it, wired as AddStudy wires them.</summary>
public sealed class StudyTestDb : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-study-").FullName;

    /// <param name="clock">The study services' clock (the system clock unless a test moves time itself).</param>
    public StudyTestDb(TimeProvider? clock = null)
    {
        Clock = clock ?? TimeProvider.System;
        Factory = TestDatabase.NewFactory(_dir);
        using (var db = Factory.CreateDbContext()) db.Database.Migrate();
        Tagger = new StudyEventTagger(Factory);
        Events = new EventLog(Factory, Clock, Tagger);
        Store = new StudyStore(Factory, Clock);
        Deletion = new StudyDeletion(Factory, Clock, Tagger);
        Flow = new ParticipantFlow(Factory, Clock, Deletion, Tagger);
        Exporter = new StudyExporter(Factory);
    }

    public TimeProvider Clock { get; }
    public IDbContextFactory<PersonaDbContext> Factory { get; }
    public StudyEventTagger Tagger { get; }
    public EventLog Events { get; }
    public StudyStore Store { get; }
    public StudyDeletion Deletion { get; }
    public ParticipantFlow Flow { get; }
    public StudyExporter Exporter { get; }

    /// <summary>An open study: two tasks, two conditions (chat only; full), TLX+SUS after each task, one Likert + one text item at the end.</summary>
    public async Task<ResearchStudy> OpenStudyAsync(StudyDesign design = StudyDesign.Within)
    {
        var study = await Store.CreateAsync("Test study");
        study = (await Store.GetAsync(study.Id))!;
        study.Design = design;
        study.Tasks.Add(new StudyTask { StudyId = study.Id, Title = "Choose a laptop", Instructions = "Pick one.", SeedRequest = "Help me choose a laptop" });
        study.Questions.Add(new StudyQuestion { StudyId = study.Id, Kind = QuestionKind.Likert, Scope = QuestionScope.End, Text = "I liked it.", Points = 7 });
        study.Questions.Add(new StudyQuestion { StudyId = study.Id, Kind = QuestionKind.FreeText, Scope = QuestionScope.End, Text = "Comments?" });
        Assert.Null(await Store.SaveAsync(study));
        Assert.Null(await Store.SetStatusAsync(study.Id, StudyStatus.Open));
        return (await Store.GetAsync(study.Id))!;
    }

    /// <summary>Answers for every item of the participant's current questionnaire (TLX 50, SUS/Likert 3, text "ok").</summary>
    public static Dictionary<string, QuestionnaireResponse> Answers(ParticipantView view, double tlx = 50, int likert = 3) =>
        view.Questionnaire.ToDictionary(i => i.Id, i => i.Type switch
        {
            ItemType.Scale0To100 => new QuestionnaireResponse(tlx),
            ItemType.Likert => new QuestionnaireResponse(likert),
            _ => new QuestionnaireResponse(null, "ok"),
        });

    /// <summary>One participant of a new open study who has done the first task and sees its questionnaire.</summary>
    public async Task<(ResearchStudy Study, string Code)> AtFirstQuestionnaireAsync()
    {
        var study = await OpenStudyAsync();
        var code = (await Store.GenerateAsync(study.Id, 1))[0].Code;
        Assert.Null(await Flow.ConsentAsync(code));
        Assert.NotNull(await Flow.StartTaskAsync(code, 0));
        await Flow.FinishTaskAsync(code, 0);
        return (study, code);
    }

    /// <summary>Takes one participant through the whole study, sending one chat event per task.</summary>
    public async Task CompleteAsync(string code)
    {
        Assert.Null(await Flow.ConsentAsync(code));
        while ((await Flow.FindAsync(code))!.Phase != ParticipantPhase.Done)
        {
            var view = (await Flow.FindAsync(code))!;
            switch (view.Phase)
            {
                case ParticipantPhase.Instructions:
                    var session = await Flow.StartTaskAsync(code);
                    await Events.RecordAsync("message.send", session, null, new { length = 5 });
                    break;
                case ParticipantPhase.Workspace:
                    await Flow.FinishTaskAsync(code);
                    break;
                default:
                    Assert.Null(await Flow.SubmitQuestionnaireAsync(code, Answers(view)));
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
