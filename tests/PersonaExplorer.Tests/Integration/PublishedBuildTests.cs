using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Integration;

/// <summary>
/// A published build (`dotnet publish`, Production, started from another working directory) reads the repository's
/// root appsettings.json and serves the root wwwroot/ — the same files as the README's run command.
/// </summary>
public sealed class PublishedBuildTests : IAsyncLifetime
{
    private readonly string _publish = Directory.CreateTempSubdirectory("pe-publish-").FullName;
    private readonly string _data = Directory.CreateTempSubdirectory("pe-publish-data-").FullName;
    private Process? _app;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_published_build_uses_the_root_appsettings_and_serves_the_root_wwwroot()
    {
        await RunAsync("dotnet", $"publish \"{Repo.File("src", "PersonaExplorer", "PersonaExplorer.csproj")}\" -c Release -o \"{_publish}\" --nologo -v q",
            // A Release publish competes with the rest of the suite for the machine's cores: the limit only catches a hang.
            Repo.File(), TimeSpan.FromMinutes(12));

        Assert.Equal(await File.ReadAllBytesAsync(Repo.File("appsettings.json")), await File.ReadAllBytesAsync(Path.Combine(_publish, "appsettings.json")));

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(_publish, "PersonaExplorer.dll")}\"")
        {
            WorkingDirectory = Path.GetTempPath(), // not the publish folder: the content root must not depend on it
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Data__Directory"] = _data;
        var output = new System.Text.StringBuilder();
        _app = Process.Start(start)!;
        _app.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        _app.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try { if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) break; }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline || _app.HasExited) Assert.Fail("The published app did not start:\n" + output);
            await Task.Delay(250);
        }

        var favicon = await http.GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Repo.File("wwwroot", "favicon.svg")), await favicon.Content.ReadAsByteArrayAsync());
        Assert.Contains("PersonaExplorer", await http.GetStringAsync("/"));
        lock (output) Assert.Contains($"Content root path: {_publish.TrimEnd('/')}", output.ToString());
    }

    private static async Task RunAsync(string file, string args, string workingDirectory, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {args} did not finish within {timeout.TotalMinutes:0} minutes");
        }
        Assert.True(process.ExitCode == 0, $"{file} {args} failed:\n{await stdout}\n{await stderr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task DisposeAsync()
    {
        if (_app is { HasExited: false }) _app.Kill(entireProcessTree: true);
        _app?.Dispose();
        foreach (var dir in new[] { _publish, _data })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
