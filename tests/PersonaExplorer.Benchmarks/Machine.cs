using System.Diagnostics;

namespace PersonaExplorer.Benchmarks;

/// <summary>What a benchmark prints about the run's machine and commit, so figures from a busy machine read as such.</summary>
internal static class Machine
{
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string Commit() => $"{Git("rev-parse --short HEAD")}{(Git("status --porcelain").Length > 0 ? " (+ uncommitted changes)" : "")}";

    private static string Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception) { return "unknown"; }
    }
}
