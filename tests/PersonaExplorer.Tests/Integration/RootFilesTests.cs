using PersonaExplorer.Tests.TestSupport;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;

namespace PersonaExplorer.Tests.Integration;

/// <summary>
/// The repository's ROOT appsettings.json and wwwroot/ are the ones the app uses
/// (the web project lives in src/PersonaExplorer and links them; see its csproj and Program.cs).
/// </summary>
public sealed class RootFilesTests : IClassFixture<RootFilesTests.Host>
{
    private readonly Host _host;

    public RootFilesTests(Host host) => _host = host;

    [Fact]
    public void A_value_only_in_the_root_appsettings_reaches_the_app()
    {
        var config = _host.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("root-appsettings", config["App:ConfigSource"]);
        Assert.Equal("8000", config["Explore:MaxMessageChars"]);
    }

    [Fact]
    public void The_app_reads_appsettings_json_from_its_output_folder_and_it_is_the_root_file()
    {
        var env = _host.Services.GetRequiredService<IWebHostEnvironment>();
        Assert.Equal(Normalize(AppContext.BaseDirectory), Normalize(env.ContentRootPath));

        var root = (IConfigurationRoot)_host.Services.GetRequiredService<IConfiguration>();
        var provider = root.Providers.OfType<JsonConfigurationProvider>()
            .Single(p => string.Equals(p.Source.Path, "appsettings.json", StringComparison.OrdinalIgnoreCase));
        var physical = provider.Source.FileProvider?.GetFileInfo("appsettings.json").PhysicalPath;
        Assert.NotNull(physical);
        Assert.Equal(File.ReadAllBytes(Repo.File("appsettings.json")), File.ReadAllBytes(physical));
    }

    [Fact]
    public async Task A_file_only_in_the_root_wwwroot_is_served()
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync("/favicon.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(File.ReadAllBytes(Repo.File("wwwroot", "favicon.svg")), await response.Content.ReadAsByteArrayAsync());
        Assert.False(File.Exists(Repo.File("src", "PersonaExplorer", "wwwroot", "favicon.svg")), "favicon.svg must live only in the root wwwroot/");
    }

    [Fact]
    public async Task The_home_page_is_html()
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("_framework/blazor.web", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_web_projects_build_output_contains_the_root_appsettings_and_maps_the_root_wwwroot()
    {
        var output = WebProjectOutputFolder();

        var copied = Path.Combine(output, "appsettings.json");
        Assert.True(File.Exists(copied), $"{copied} is missing");
        Assert.Equal(File.ReadAllBytes(Repo.File("appsettings.json")), File.ReadAllBytes(copied));

        // Development static web assets: the runtime manifest must point at the root wwwroot/ as a content root.
        var manifest = File.ReadAllText(Path.Combine(output, "PersonaExplorer.staticwebassets.runtime.json"));
        var rootWwwroot = Normalize(Repo.File("wwwroot"));
        Assert.Contains(System.Text.Json.JsonSerializer.Deserialize<RuntimeManifest>(manifest)!.ContentRoots, r => Normalize(r) == rootWwwroot);
    }

    /// <summary>src/PersonaExplorer/bin/{Configuration}/{tfm}/ for the configuration and framework this test assembly was built with.</summary>
    private static string WebProjectOutputFolder()
    {
        var configuration = typeof(RootFilesTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var tfm = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var folder = Repo.File("src", "PersonaExplorer", "bin", configuration, tfm);
        Assert.True(Directory.Exists(folder), $"the web project's build output {folder} does not exist");
        return folder;
    }

    private static string Normalize(string path) => Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    private sealed record RuntimeManifest(string[] ContentRoots);

    /// <summary>The app as Program.cs builds it (content root = output folder), with a throw-away SQLite folder.</summary>
    public sealed class Host : WebApplicationFactory<Program>
    {
        private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "personaexplorer-rootfiles-" + Guid.NewGuid().ToString("N")[..12]);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(AppContext.BaseDirectory);
            foreach (var (key, value) in TestDatabase.HostSettings(_dataDirectory)) builder.UseSetting(key, value);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            DeleteDataDirectory();
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) DeleteDataDirectory();
        }

        private void DeleteDataDirectory()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true); }
            catch (IOException) { /* best effort: a temp folder */ }
        }
    }
}
