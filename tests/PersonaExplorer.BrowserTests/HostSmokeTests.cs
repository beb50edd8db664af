using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Data;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.BrowserTests;

/// <summary>The infrastructure itself: the in-process host serves the app to Chromium and uses its own database.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostSmokeTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Chromium_loads_the_app_from_the_test_host_which_uses_a_temp_database() => StepsAsync(async () =>
    {
        var response = await Page.GotoAsync(Url("/").ToString());
        Assert.Equal(200, response?.Status);
        Assert.StartsWith("http://127.0.0.1:", Page.Url);
        Assert.Equal(1, await Page.Locator("script[src*='blazor.web']").CountAsync());
        var favicon = await Page.APIRequest.GetAsync(Url("/favicon.svg").ToString());
        Assert.Equal(200, favicon.Status);
        await ScreenshotAsync("home-prerendered");

        // The database lives in the fixture's temp folder (or the fixture's own PostgreSQL database), not in the user's app-data folder.
        if (TestDatabase.IsPostgreSql)
            Assert.StartsWith("pe_test_", App.Services.GetRequiredService<IDbContextFactory<PersonaDbContext>>().CreateDbContext().Database.GetDbConnection().Database);
        else
            Assert.True(File.Exists(Path.Combine(App.DataDirectory, "personaexplorer.db")),
                $"no personaexplorer.db in {App.DataDirectory}: the Data:Directory override did not reach the app");
    });
}
