using System.Diagnostics;

namespace PersonaExplorer.Tests.TestSupport;

/// <summary>Runs the built app (src/PersonaExplorer's build output) as a process, e.g. <c>PersonaExplorer migrate</c>, as a deployment would.</summary>
public static class AppCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(AppDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["Ai__Provider"] = "Offline";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`PersonaExplorer {string.Join(' ', args)}` did not exit within {timeout}:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The app's own build output (same configuration as this test build).</summary>
    private static string AppDll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var (tfm, configuration) = (output.Name, output.Parent!.Name);
            for (var dir = output; dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PersonaExplorer.sln")))
                    return Path.Combine(dir.FullName, "src", "PersonaExplorer", "bin", configuration, tfm, "PersonaExplorer.dll");
            throw new InvalidOperationException($"PersonaExplorer.sln not found above {AppContext.BaseDirectory}");
        }
    }
}
