using Microsoft.Extensions.Options;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Tests.TestSupport;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.Features.Profiles;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Features.Profiles.Curator;
using PersonaExplorer.Features.Profiles.Proposals;

namespace PersonaExplorer.Tests.Features.Profiles.Curator;

public class ProfileCuratorTests
{
    private static readonly ModelInfo Cloud = new(AiProvider.OpenAI, "gpt-test", IsDemo: false, IsLocal: false);

    private static ChatMessage User(string text) => new(ChatRole.User, text);
    private static ChatMessage Assistant(string text) => new(ChatRole.Assistant, text);

    private static ProfileCurator Curator(ProfileTestDb t, IChatClient client, ModelInfo? model = null) =>
        new(Runner(client), model ?? ModelInfo.Offline, t.Store, new ProposalService(t, t.Concepts, t.Events, TimeProvider.System),
            new ProposalDeduper(SharedEmbedder.MiniLm), NullLogger<ProfileCurator>.Instance);

    private static AgentRunner Runner(IChatClient client) =>
        new(client, Options.Create(new AgentOptions()), Options.Create(new AiOptions()), NullLogger<AgentRunner>.Instance);

    private static OfflineDemoChatClient Offline() => new(SharedEmbedder.MiniLm, 0, [new ProfileCuratorOfflineResponder()]);

    /// <summary>A model that makes exactly these proposals (to tempt the guard).</summary>
    private static ScriptedChatClient Proposing(params object[] proposals) =>
        new((_, _) => JsonSerializer.Serialize(new { proposals }, JsonSerializerOptions.Web));

    [Fact]
    public async Task The_offline_model_proposes_concepts_with_evidence_from_the_users_words()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var p = await t.ProfileWithAsync("P");
        var curator = Curator(t, Offline());

        var added = await curator.CurateAsync(p.Id, null, null,
        [
            User("Plan a weekend in Vienna. I'm vegetarian and on a tight budget."),
            Assistant("Sure! Do you want to fly? Cheap flights exist."),
            User("No, I hate flying."),
        ]);

        Assert.Equal(["budget-conscious", "prefers trains over flights", "prefers vegetarian food"], added.Select(a => a.Text).Order());
        var veg = added.Single(a => a.Text == "prefers vegetarian food");
        Assert.Equal("I'm vegetarian and on a tight budget.", veg.Evidence);
        Assert.Equal(ConfidenceLevel.High, veg.ConfidenceLevel);
        Assert.True(veg.Stated);
        Assert.False(veg.IsPrivate);
        Assert.Null(veg.Question);
        // The assistant's "Cheap flights" is not the person's words: nothing comes from it.
        Assert.DoesNotContain(added, a => a.Evidence?.Contains("Cheap flights") == true);
    }

    [Fact]
    public async Task Low_confidence_proposals_are_asked_as_questions()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var curated = await Curator(t, Offline()).ProposeAsync([], [User("Any cheap ideas for Saturday?")]);
        var c = Assert.Single(curated);
        Assert.Equal(ConfidenceLevel.Low, c.Level);
        Assert.Equal("Should your profile say \"budget-conscious\"?", c.Question);
        Assert.False(c.Stated);
    }

    public static TheoryData<string, string, string, string> Temptations => new()
    {
        // text, category, evidence, user message
        { "is Muslim", "religion", "My name is Mohammed", "Hi, my name is Mohammed. Where should I eat tonight?" },
        { "prefers halal food", "diet", "My name is Mohammed", "Hi, my name is Mohammed. Where should I eat tonight?" },
        { "is probably of Arab origin", "general", "My name is Mohammed", "Hi, my name is Mohammed. Where should I eat tonight?" },
        { "is Indian", "general", "my grandmother's recipes from Kerala", "I love cooking my grandmother's recipes from Kerala." },
        { "may have depression", "general", "I've been so tired and sad lately", "I've been so tired and sad lately, suggest a calm trip." },
        { "is gay", "general", "my boyfriend and I", "Plan a weekend for my boyfriend and I." },
        { "votes conservative", "general", "I watch Fox News every night", "I watch Fox News every night, any hotels with cable?" },
        { "has a low income", "budget", "we can't afford much", "Since I lost my job we can't afford much." },
        { "is unemployed", "general", "I lost my job", "Since I lost my job we can't afford much." },
        { "is diabetic", "health", "no dessert for me", "Find a restaurant, no dessert for me." },
        { "is Christian", "religion", "I go to church on Sundays", "Plan Sunday, my friend goes to church on Sundays." },
    };

    [Theory]
    [MemberData(nameof(Temptations))]
    public async Task Sensitive_attributes_are_never_inferred_from_indirect_cues(string text, string category, string evidence, string message)
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var model = Proposing(new { kind = "add", text, category, weight = 0.8, evidence, stated = false, confidence = "high", confidenceScore = 0.9 });

        var curated = await Curator(t, model).ProposeAsync([], [User(message)]);

        Assert.Empty(curated);
    }

    [Fact]
    public async Task Stated_sensitive_concepts_pass_and_are_private_by_default()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var model = Proposing(
            new { text = "vegan for religious reasons", category = "diet", evidence = "I am vegan for religious reasons", stated = true, confidence = "high", confidenceScore = 0.9 },
            new { text = "allergic to peanuts", category = "health", evidence = "I'm allergic to peanuts", stated = true, confidence = "high", confidenceScore = 0.95 },
            new { text = "prefers Italian food", category = "diet", evidence = "I love Italian food", stated = true, confidence = "medium", confidenceScore = 0.7 });

        var curated = await Curator(t, model).ProposeAsync([], [User("I am vegan for religious reasons. I'm allergic to peanuts. I love Italian food.")]);

        var religious = curated.Single(c => c.Text == "vegan for religious reasons");
        Assert.True(religious.IsPrivate);
        Assert.True(religious.Stated);
        Assert.Equal("religion", religious.SensitiveCategory);
        Assert.True(curated.Single(c => c.Text == "allergic to peanuts").IsPrivate);
        var italian = curated.Single(c => c.Text == "prefers Italian food");
        Assert.False(italian.IsPrivate);
        Assert.Null(italian.SensitiveCategory);
    }

    [Fact]
    public async Task Evidence_that_is_not_the_users_words_is_dropped_and_the_proposal_becomes_a_question()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var model = Proposing(new { text = "likes museums", evidence = "I adore museums", stated = true, confidence = "high", confidenceScore = 0.9 });

        var c = Assert.Single(await Curator(t, model).ProposeAsync([], [User("What should I do in Paris?")]));

        Assert.Null(c.Evidence);
        Assert.False(c.Stated);
        Assert.Equal(ConfidenceLevel.Low, c.Level);
        Assert.EndsWith("?", c.Question);
    }

    [Fact]
    public async Task Private_concepts_are_not_shown_to_a_cloud_curator_but_are_to_a_local_one()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var p = await t.ProfileWithAsync("P", "likes jazz");
        var secret = await t.Concepts.AddAsync(p.Id, new ConceptDraft("allergic to peanuts", "health", IsPrivate: true), "you");
        var profile = (await t.Store.GetAsync(p.Id))!;
        var cloud = Proposing();
        var local = Proposing();

        await Curator(t, cloud, Cloud).ProposeAsync(profile.Concepts, [User("Plan dinner")]);
        await Curator(t, local, ModelInfo.Offline).ProposeAsync(profile.Concepts, [User("Plan dinner")]);

        var cloudPrompt = string.Join("\n", cloud.Calls.Single().Select(m => m.Text));
        Assert.Contains("\"likes jazz\"", cloudPrompt);
        Assert.DoesNotContain(secret.Text, cloudPrompt);
        Assert.Contains(secret.Text, string.Join("\n", local.Calls.Single().Select(m => m.Text)));
    }

    [Fact]
    public async Task Dismissed_proposals_are_never_proposed_again_and_accepting_versions_the_profile()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var p = await t.ProfileWithAsync("P");
        var curator = Curator(t, Offline());
        var service = new ProposalService(t, t.Concepts, t.Events, TimeProvider.System);
        List<ChatMessage> chat = [User("I'm vegetarian. I hate flying.")];

        var first = await curator.CurateAsync(p.Id, null, null, chat);
        Assert.Equal(2, first.Count);
        await service.DismissAsync(first.Single(x => x.Text == "prefers trains over flights").Id);
        Assert.Null(await service.AcceptAsync(first.Single(x => x.Text == "prefers vegetarian food").Id));

        // Same conversation again (and a differently punctuated dismissed text): nothing new.
        Assert.Empty(await curator.CurateAsync(p.Id, null, null, chat));
        Assert.Empty(await service.AddAsync(p.Id, null, null,
            [new CuratedConcept(ProposalKind.Add, null, "Prefers trains over flights!", "travel", 0.8, null, ConfidenceLevel.High, 0.9, null, true, false, null)], "curator"));

        var concept = Assert.Single((await t.Store.GetAsync(p.Id))!.Concepts);
        Assert.Equal(ConceptSource.Stated, concept.Source);
        Assert.Equal("I'm vegetarian.", concept.Evidence);
        Assert.Equal("you: accepted proposal 'prefers vegetarian food'", (await t.Versions.ListAsync(p.Id))[0].Summary);
        Assert.Empty(await service.PendingAsync(p.Id));
    }

    [Fact]
    public async Task Edit_then_accept_and_change_proposals()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var p = await t.ProfileWithAsync("P", "likes trains");
        var service = new ProposalService(t, t.Concepts, t.Events, TimeProvider.System);
        var added = await service.AddAsync(p.Id, null, null,
        [
            new CuratedConcept(ProposalKind.Add, null, "likes quiet places", "style", 0.7, "I like it quiet", ConfidenceLevel.Medium, 0.7, null, true, false, null),
            new CuratedConcept(ProposalKind.Change, "likes trains", "loves night trains", "travel", 0.9, "night trains are the best", ConfidenceLevel.High, 0.9, null, true, false, null),
            new CuratedConcept(ProposalKind.Change, "not in the profile", "whatever", "general", 0.5, null, ConfidenceLevel.High, 0.9, null, true, false, null),
        ], "curator");
        Assert.Equal(2, added.Count);

        Assert.Contains("at most", await service.AcceptAsync(added[0].Id, new string('x', 400)));
        Assert.Null(await service.AcceptAsync(added[0].Id, "likes very quiet places"));
        Assert.Null(await service.AcceptAsync(added[1].Id));

        var concepts = (await t.Store.GetAsync(p.Id))!.Concepts;
        Assert.Equal(["loves night trains", "likes very quiet places"], concepts.Select(c => c.Text));
        Assert.Equal(ConceptSource.Edited, concepts[1].Source);
        Assert.Equal(0.9, concepts[0].Weight);
    }

    [Fact]
    public async Task Build_from_text_proposes_from_the_text_and_guards_it_too()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var p = await t.ProfileWithAsync("P");
        var builder = new ProfileTextBuilder(Runner(Offline()), new ProposalService(t, t.Concepts, t.Events, TimeProvider.System), NullLogger<ProfileTextBuilder>.Instance);
        const string text = """
            My name is Mohammed and I live in Leeds.
            I don't eat meat, and I'm on a tight budget this year.
            Honestly I hate flying; trains are fine. I am allergic to shellfish.
            """;

        var (added, error) = await builder.BuildAsync(p.Id, text);

        Assert.Null(error);
        Assert.Equal(["allergic to shellfish", "budget-conscious", "prefers trains over flights", "prefers vegetarian food"],
            added.Select(a => a.Text).Order());
        Assert.All(added, a => Assert.Equal(ProposalService.FromText, a.Origin));
        Assert.True(added.Single(a => a.Text == "allergic to shellfish").IsPrivate);
        Assert.Equal("I don't eat meat, and I'm on a tight budget this year.", added.Single(a => a.Text == "prefers vegetarian food").Evidence);
        Assert.DoesNotContain(added, a => a.SensitiveCategory is "religion" or "ethnicity or nationality");

        Assert.NotNull(ProfileTextBuilder.CheckText(new string('a', ProfileTextBuilder.MaxChars + 1)));
        Assert.Equal("Upload a .txt or .md file.", ProfileTextBuilder.ReadUpload("x.pdf", [1]).Error);
    }
}
