using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Profiles.Curator;
using PersonaExplorer.Features.Profiles.Proposals;

namespace PersonaExplorer.Tests.Features.Profiles.Proposals;

public class ConceptProposalsTests
{
    private static CuratedConcept Proposal(string text, ConfidenceLevel level = ConfidenceLevel.High, string? question = null, bool isPrivate = false) =>
        new(ProposalKind.Add, null, text, "general", 0.8, $"I said {text}", level, level == ConfidenceLevel.Low ? 0.3 : 0.9, question, true, isPrivate, isPrivate ? "health" : null);

    [Fact]
    public async Task Accept_adds_the_concept_and_dismiss_removes_the_proposal()
    {
        await using var db = await ProfileTestDb.CreateAsync();
        await using var ctx = ProfilesBunit.Create(db);
        var active = await db.Store.GetActiveAsync();
        var proposals = ctx.Services.GetRequiredService<ProposalService>();
        await proposals.AddAsync(active.Id, null, null,
            [Proposal("prefers trains"), Proposal("likes jazz", ConfidenceLevel.Low, "Do you like jazz?"), Proposal("allergic to nuts", isPrivate: true)], "curator");

        var cut = ctx.Render<ConceptProposals>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=concept-proposal]").Count));
        Assert.Contains("Do you like jazz?", cut.Markup);
        Assert.Single(cut.FindAll("[data-testid=proposal-private]"));
        Assert.Equal("low", cut.FindAll("[data-testid=concept-proposal]").Single(e => e.TextContent.Contains("jazz")).GetAttribute("data-confidence"));

        // Found and clicked on the renderer's thread: a re-render in between (a change notification) would renew the handlers.
        await cut.InvokeAsync(() => cut.FindAll("[data-testid=concept-proposal]").Single(e => e.TextContent.Contains("prefers trains"))
            .QuerySelector("[data-testid=proposal-accept]")!.Click());
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=concept-proposal]").Count));
        await cut.InvokeAsync(() => cut.FindAll("[data-testid=concept-proposal]").Single(e => e.TextContent.Contains("jazz"))
            .QuerySelector("[data-testid=proposal-dismiss]")!.Click());
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=concept-proposal]")));

        var concepts = (await db.Store.GetAsync(active.Id))!.Concepts;
        Assert.Equal("prefers trains", Assert.Single(concepts).Text);
        Assert.Equal(ConceptSource.Stated, concepts[0].Source);
        // The drawer's profile reloads after the proposal list (the accept handler's last step): wait for it, not for the list.
        var state = ctx.Services.GetRequiredService<ProfileState>();
        cut.WaitForAssertion(() => Assert.Equal("prefers trains", Assert.Single(state.Concepts).Text));
    }

    [Fact]
    public async Task Edit_then_accept_saves_the_edited_text()
    {
        await using var db = await ProfileTestDb.CreateAsync();
        await using var ctx = ProfilesBunit.Create(db);
        var active = await db.Store.GetActiveAsync();
        await ctx.Services.GetRequiredService<ProposalService>().AddAsync(active.Id, null, null, [Proposal("likes museums")], "curator");

        var cut = ctx.Render<ConceptProposals>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=proposal-edit]"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=proposal-edit]").Click());
        cut.Find("input[data-testid=proposal-edit-text], [data-testid=proposal-edit-text] input").Input("likes art museums");
        await cut.InvokeAsync(() => cut.Find("[data-testid=proposal-edit-save]").Click());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=concept-proposal]")));
        var concept = Assert.Single((await db.Store.GetAsync(active.Id))!.Concepts);
        Assert.Equal("likes art museums", concept.Text);
        Assert.Equal(ConceptSource.Edited, concept.Source);
    }
}
