using System.Diagnostics;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Tests.Ai.Fakes;

namespace PersonaExplorer.Benchmarks;

/// <summary>What the fake model does: time to first token, delay between streamed words, answer length, one slot or many.</summary>
public sealed record FakeModel(int FirstTokenMs, int TokenDelayMs, int AnswerWords, bool SingleSlot = false)
{
    public override string ToString() =>
        $"{FirstTokenMs} ms to first token, {TokenDelayMs} ms between words, {AnswerWords}-word answers{(SingleSlot ? ", one request at a time (FIFO)" : "")}";
}

/// <summary>
/// The fake OpenAI-compatible server runs in a child process (this program with --serve), so the CPU the benchmark
/// measures is the app's own, not the fake model's. Structured requests are answered by the offline responders.
/// </summary>
public sealed class FakeModelProcess : IAsyncDisposable
{
    private readonly Process _process;

    private FakeModelProcess(Process process, string endpoint, FakeModel model)
    {
        _process = process;
        Endpoint = endpoint;
        Model = model;
    }

    /// <summary>The OpenAI-compatible base URL (http://127.0.0.1:PORT/v1).</summary>
    public string Endpoint { get; }
    public FakeModel Model { get; }

    public static async Task<FakeModelProcess> StartAsync(FakeModel model)
    {
        var self = Environment.ProcessPath!;
        var dll = typeof(FakeModelProcess).Assembly.Location;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self) { ArgumentList = { dll } }
            : new ProcessStartInfo(self);
        foreach (var a in new[] { "--serve", model.FirstTokenMs.ToString(), model.TokenDelayMs.ToString(), model.AnswerWords.ToString(), model.SingleSlot ? "single" : "parallel" })
            start.ArgumentList.Add(a);
        start.Environment.Remove("DOTNET_DiagnosticPorts"); // under dotnet-trace the model would wait for a tracer that never attaches
        start.RedirectStandardOutput = true;
        start.RedirectStandardInput = true;
        var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The fake model did not start.");
        return new FakeModelProcess(process, line.Trim(), model);
    }

    /// <summary>Child side: serves until standard input closes.</summary>
    public static async Task ServeAsync(FakeModel model)
    {
        using var embedder = new MiniLmTextEmbedder();
        var words = new[] { "Porto", "has", "a", "riverside", "walk,", "two", "markets", "and", "cheap", "trams;", "book", "early." };
        var answer = string.Join(' ', Enumerable.Range(0, model.AnswerWords).Select(i => words[i % words.Length]));
        await using var server = await FakeOpenAiServer.StartAsync();
        server.FirstTokenLatency = TimeSpan.FromMilliseconds(model.FirstTokenMs);
        server.TokenDelay = TimeSpan.FromMilliseconds(model.TokenDelayMs);
        server.SingleSlot = model.SingleSlot;
        server.Responder = FreshWording.Wrap(OfflineProviderReplies.Responder(embedder, _ => FakeReply.Normal(answer)));
        Console.WriteLine(server.OpenAiEndpoint);
        await Console.In.ReadToEndAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        await Task.CompletedTask;
        _process.Dispose();
    }
}
