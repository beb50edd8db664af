using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Tests.Ai.Fakes;
using PersonaExplorer.Ai.Offline;
using PersonaExplorer.Ai.Embeddings;

namespace PersonaExplorer.Benchmarks;

/// <summary>
/// The fake OpenAI-compatible server runs in a child process (this program with --serve), so the CPU the benchmark
/// measures is the app's own, not the fake model's. Structured requests are answered by the offline responders.
/// </summary>
public sealed class FakeModelProcess : IAsyncDisposable
{
    private readonly Process _process;

    private FakeModelProcess(Process process, string endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>The OpenAI-compatible base URL (…/v1).</summary>
    public string Endpoint { get; }

    public static async Task<FakeModelProcess> StartAsync(int firstTokenMs, int tokenDelayMs, int answerWords)
    {
        var self = Environment.ProcessPath!;
        var dll = typeof(FakeModelProcess).Assembly.Location;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self) { ArgumentList = { dll } }
            : new ProcessStartInfo(self);
        foreach (var a in new[] { "--serve", firstTokenMs.ToString(), tokenDelayMs.ToString(), answerWords.ToString() }) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardInput = true;
        var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The fake model did not start.");
        return new FakeModelProcess(process, line.Trim());
    }

    /// <summary>Child side: serves until standard input closes.</summary>
    public static async Task ServeAsync(int firstTokenMs, int tokenDelayMs, int answerWords)
    {
        IOfflineStructuredResponder[] responders =
            [new InquiryOfflineResponder(), new NeedsOfflineResponder(), new SolutionsOfflineResponder(), new RankerOfflineResponder(), new PlannerOfflineResponder()];
        using var embedder = new MiniLmTextEmbedder();
        var understanding = new OfflineUnderstanding(embedder);
        var answer = string.Join(' ', Enumerable.Range(0, answerWords).Select(i => i % 12 == 11 ? "option." : "word"));
        await using var server = await FakeOpenAiServer.StartAsync();
        server.FirstTokenLatency = TimeSpan.FromMilliseconds(firstTokenMs);
        server.TokenDelay = TimeSpan.FromMilliseconds(tokenDelayMs);
        server.Responder = request =>
        {
            if (!request.Body.TryGetProperty("response_format", out var format)
                || !format.TryGetProperty("json_schema", out var schema))
                return FakeReply.Normal(answer);
            var name = schema.GetProperty("name").GetString();
            var jsonFormat = ChatResponseFormat.ForJsonSchema(schema.GetProperty("schema"), name);
            var messages = request.Body.GetProperty("messages").EnumerateArray()
                .Select(m => new ChatMessage(new ChatRole(m.GetProperty("role").GetString()!), Text(m.GetProperty("content")))).ToList();
            var responder = responders.First(r => r.CanAnswer(jsonFormat));
            var reading = understanding.ReadAsync(messages).GetAwaiter().GetResult();
            return FakeReply.Normal(responder.Answer(messages, jsonFormat, reading).GetRawText());
        };
        Console.WriteLine(server.OpenAiEndpoint);
        await Console.In.ReadToEndAsync();
    }

    private static string Text(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString() ?? ""
        : string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : ""));

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        await Task.CompletedTask;
        _process.Dispose();
    }
}
