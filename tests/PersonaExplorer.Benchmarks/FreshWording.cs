using System.Text.Json.Nodes;
using PersonaExplorer.Tests.Ai.Fakes;

namespace PersonaExplorer.Benchmarks;

/// <summary>
/// A real model words every turn's needs, cards, sub-tasks and proposals anew; the offline responders take them from a
/// fixed catalogue, so a benchmark that cycles through the task families would find them in the embedding cache from
/// an earlier round (or an earlier row) and measure a turn that never happens. Each structured reply gets a marker of
/// its own in those texts, so every reply is new text to the app, as a real model's would be.
/// </summary>
public static class FreshWording
{
    private static readonly HashSet<string> Reworded = new(StringComparer.Ordinal) { "statement", "title", "summary", "how", "text" };

    public static Func<FakeRequest, FakeReply> Wrap(Func<FakeRequest, FakeReply> inner)
    {
        var replies = 0;
        return request =>
        {
            var reply = inner(request);
            if (!request.Body.TryGetProperty("response_format", out _) || reply is not FakeReply.NormalReply normal) return reply;
            var n = Interlocked.Increment(ref replies);
            var json = JsonNode.Parse(normal.Text);
            Reword(json, $"(take {n})");
            return normal with { Text = json?.ToJsonString() ?? normal.Text };
        };
    }

    private static void Reword(JsonNode? node, string marker)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (Reworded.Contains(name) && value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0) o[name] = $"{s} {marker}";
                    else Reword(value, marker);
                }
                break;
            case JsonArray a:
                foreach (var item in a) Reword(item, marker);
                break;
        }
    }
}
