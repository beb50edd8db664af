using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Profiles.Transfer;

namespace PersonaExplorer.Tests.Features.Profiles.Transfer;

public class ProfileTransferPanelTests
{
    [Fact]
    public async Task A_bad_file_shows_the_reason_and_changes_nothing_and_a_good_one_becomes_the_active_profile()
    {
        await using var db = await ProfileTestDb.CreateAsync();
        await using var ctx = ProfilesBunit.Create(db);
        await ctx.Services.GetRequiredService<ProfileState>().ReloadAsync();
        var before = await db.DumpAsync();

        var cut = ctx.Render<ProfileTransferPanel>();
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""{"schema":"personaexplorer.profile","version":3,"name":"x","concepts":[]}""", "bad.json"));

        cut.WaitForAssertion(() => Assert.Contains("Unsupported version 3", cut.Find("[data-testid=import-errors]").TextContent));
        Assert.Equal(before, await db.DumpAsync());

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("# Weekend\n\n## travel\n- [x] prefers trains over flights (weight +0.8, source stated)\n", "weekend.md"));
        cut.WaitForAssertion(() => Assert.Equal("Weekend", ctx.Services.GetRequiredService<ProfileState>().Active?.Name));
        Assert.Empty(cut.FindAll("[data-testid=import-errors]"));
        Assert.Equal("prefers trains over flights", Assert.Single(ctx.Services.GetRequiredService<ProfileState>().Concepts).Text);
    }

    [Fact]
    public async Task Export_calls_the_download_helper_with_the_json()
    {
        await using var db = await ProfileTestDb.CreateAsync();
        await using var ctx = ProfilesBunit.Create(db);
        var state = ctx.Services.GetRequiredService<ProfileState>();
        await state.ReloadAsync();
        await state.AddAsync("prefers trains", "travel");
        var module = ctx.JSInterop.SetupModule("./Features/Profiles/Transfer/ProfileTransferPanel.razor.js");
        module.SetupVoid("download", _ => true).SetVoidResult();

        var cut = ctx.Render<ProfileTransferPanel>();
        await cut.InvokeAsync(() => cut.Find("[data-testid=profile-export]").Click());

        var call = Assert.Single(module.Invocations, i => i.Identifier == "download");
        Assert.Equal("application/json", call.Arguments[1]);
        Assert.Contains("\"prefers trains\"", (string)call.Arguments[2]!);
    }
}
