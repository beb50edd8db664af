using PersonaExplorer.Data;
using PersonaExplorer.Features.Study;

namespace PersonaExplorer.Tests.Features.Study;

public class StudyLockTests
{
    private static ResearchStudy Study(StudyStatus status)
    {
        var s = new ResearchStudy { Name = "s", Status = status, ConsentText = "c", CompletionCode = "X" };
        s.Tasks.Add(new StudyTask { Title = "t" });
        s.Conditions.Add(new StudyCondition { Name = "a", Features = StudyFeatures.ChatOnly });
        return s;
    }

    private static ResearchStudy Copy(ResearchStudy s) => new()
    {
        Id = s.Id, Name = s.Name, Status = s.Status, ConsentText = s.ConsentText, CompletionCode = s.CompletionCode, Design = s.Design,
        Tasks = [.. s.Tasks.Select(t => new StudyTask { Id = t.Id, Title = t.Title, Order = t.Order, Instructions = t.Instructions })],
        Conditions = [.. s.Conditions.Select(c => new StudyCondition { Id = c.Id, Name = c.Name, Order = c.Order, Features = c.Features })],
    };

    [Fact]
    public void Drafts_can_change_anything()
    {
        var stored = Study(StudyStatus.Draft);
        var edited = Copy(stored);
        edited.Design = StudyDesign.Between;
        edited.Conditions[0].Features = StudyFeatures.All;
        Assert.Empty(StudyLock.Violations(stored, edited));
    }

    [Theory]
    [InlineData(StudyStatus.Open)]
    [InlineData(StudyStatus.Closed)]
    public void Open_and_closed_studies_lock_the_design_but_not_the_name(StudyStatus status)
    {
        var stored = Study(status);
        var edited = Copy(stored);
        edited.Name = "renamed";
        Assert.Empty(StudyLock.Violations(stored, edited));

        edited.Design = StudyDesign.Between;
        edited.Conditions[0].Features = StudyFeatures.NeedsPanel;
        edited.Tasks.Add(new StudyTask { Title = "new" });
        Assert.Equal(["design", "tasks", "conditions"], StudyLock.Violations(stored, edited));
    }

    [Fact]
    public void Opening_needs_tasks_conditions_consent_and_completion_code()
    {
        var s = Study(StudyStatus.Draft);
        Assert.Null(StudyLock.CanOpen(s));
        s.ConsentText = "";
        s.Conditions.Clear();
        Assert.Contains("consent text", StudyLock.CanOpen(s));
        Assert.Contains("at least one condition", StudyLock.CanOpen(s));
    }

    [Fact]
    public async Task The_store_refuses_design_changes_to_an_open_study()
    {
        await using var t = new StudyTestDb();
        var study = await t.OpenStudyAsync();
        study.Conditions[0].Features = StudyFeatures.All;
        var error = await t.Store.SaveAsync(study);
        Assert.NotNull(error);
        Assert.StartsWith(StudyLock.Message, error);
        Assert.Equal(StudyFeatures.ChatOnly, (await t.Store.GetAsync(study.Id))!.Conditions[0].Features);

        var fresh = (await t.Store.GetAsync(study.Id))!;
        fresh.Name = "Renamed";
        Assert.Null(await t.Store.SaveAsync(fresh));
        Assert.Equal("Renamed", (await t.Store.GetAsync(study.Id))!.Name);
    }
}
