using Bunit;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Profiles.Drawer;

namespace PersonaExplorer.Tests.Features.Profiles.Drawer;

public class ProfileDrawerTests
{
    [Fact]
    public async Task Adding_a_concept_shows_it_in_the_drawer()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        await using var ctx = BunitSetup.Create(ws);
        var cut = ctx.Render<ProfileDrawer>();
        Assert.Single(cut.FindAll("[data-testid=concepts-empty]"));

        WaitUntilTheProfileIsLoaded(cut); // a click before the load finishes can hit a handler the load's render replaced
        await cut.Find("[data-testid=concept-add]").ClickAsync(new());
        cut.Find("[data-testid=concept-new-text]").Input("prefers vegetarian food");
        await cut.Find("[data-testid=concept-new-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("prefers vegetarian food", cut.Find("[data-testid=concept-text]").TextContent.Trim()));
        Assert.Equal("stated", cut.Find("[data-testid=concept-source]").TextContent.Trim());
    }

    [Fact]
    public async Task A_concept_over_300_characters_is_refused_with_a_reason_and_not_stored()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        await using var ctx = BunitSetup.Create(ws);
        var cut = ctx.Render<ProfileDrawer>();

        WaitUntilTheProfileIsLoaded(cut); // a click before the load finishes can hit a handler the load's render replaced
        await cut.Find("[data-testid=concept-add]").ClickAsync(new());
        cut.Find("[data-testid=concept-new-text]").Input(new string('x', 301));
        await cut.Find("[data-testid=concept-new-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("at most 300 characters", cut.Markup));
        Assert.Empty((await ws.Profiles.GetActiveAsync()).Concepts);
    }

    [Fact]
    public async Task Toggling_a_concept_off_marks_it_disabled_and_keeps_it()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        await ws.Profile.AddAsync("budget-conscious", "budget");
        await using var ctx = BunitSetup.Create(ws);
        var cut = ctx.Render<ProfileDrawer>();

        await cut.Find("input[data-testid=concept-toggle]").ChangeAsync(new() { Value = false });

        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-testid=concept-item]").GetAttribute("data-enabled")));
        Assert.False((await ws.Profiles.GetActiveAsync()).Concepts.Single().Enabled);
    }

    [Fact]
    public async Task A_private_concept_is_marked_and_the_drawer_says_a_cloud_model_will_not_get_it()
    {
        var cloud = new PersonaExplorer.Ai.ModelInfo(PersonaExplorer.Ai.AiProvider.AzureOpenAI, "gpt-4o-mini", IsDemo: false, IsLocal: false);
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"), cloud);
        await ws.Profile.AddAsync("has a nut allergy", "health");
        await using var ctx = BunitSetup.Create(ws);
        var cut = ctx.Render<ProfileDrawer>();
        Assert.Empty(cut.FindAll("[data-testid=concept-withheld]"));

        await cut.Find("[data-testid=concept-private]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Withheld from Azure OpenAI", cut.Find("[data-testid=concept-withheld]").TextContent));
        Assert.True((await ws.Profiles.GetActiveAsync()).Concepts.Single().IsPrivate);
        Assert.Equal("true", cut.Find("[data-testid=concept-private]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task A_deleted_concept_can_be_restored_with_undo()
    {
        await using var ws = await Workspace.CreateAsync(ScriptedChatClient.Replying("x"));
        await ws.Profile.AddAsync("dislikes long flights", "travel");
        var original = ws.Profile.Concepts.Single();

        var deleted = await ws.Profile.DeleteAsync(original);
        Assert.Empty((await ws.Profiles.GetActiveAsync()).Concepts);
        await ws.Profile.UndoDeleteAsync(deleted);

        var restored = Assert.Single((await ws.Profiles.GetActiveAsync()).Concepts);
        Assert.Equal((original.Id, original.Text, original.Category), (restored.Id, restored.Text, restored.Category));
    }

    private static void WaitUntilTheProfileIsLoaded(IRenderedComponent<ProfileDrawer> cut) =>
        cut.WaitForAssertion(() => Assert.Equal("My profile", cut.Find("h2").TextContent.Trim()));
}
