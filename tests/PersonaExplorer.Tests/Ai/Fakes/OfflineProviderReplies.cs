using System.Text.Json;
using Microsoft.Extensions.AI;
using PersonaExplorer.Ai.Embeddings;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Tests.Ai.Fakes;

/// <summary>
/// Replies of the fake provider that the app can really use: structured requests are answered by the offline demo
/// model's responders from what the request carries (the panels fill as they would offline), the chat by a text of the
/// caller's. Kept apart from FakeOpenAiServer.cs, which other projects compile without the app's types; the benchmark
/// links both.
/// </summary>
public static class OfflineProviderReplies
{
    public static Func<FakeRequest, FakeReply> Responder(ITextEmbedder embedder, Func<FakeRequest, FakeReply> chat)
    {
        IOfflineStructuredResponder[] responders =
        [
            new InquiryOfflineResponder(), new NeedsOfflineResponder(), new SolutionsOfflineResponder(), new RankerOfflineResponder(),
            new PlannerOfflineResponder(), new AttributionOfflineResponder(), new ProfileCuratorOfflineResponder(), new OfflineSimulatorResponder(),
        ];
        var understanding = new OfflineUnderstanding(embedder);
        return request =>
        {
            if (!request.Body.TryGetProperty("response_format", out var format) || !format.TryGetProperty("json_schema", out var schema))
                return chat(request);
            var jsonFormat = ChatResponseFormat.ForJsonSchema(schema.GetProperty("schema"), schema.GetProperty("name").GetString());
            var messages = request.Body.GetProperty("messages").EnumerateArray()
                .Select(m => new ChatMessage(new ChatRole(m.GetProperty("role").GetString()!), Text(m.GetProperty("content")))).ToList();
            var responder = responders.First(r => r.CanAnswer(jsonFormat));
            var reading = understanding.ReadAsync(messages).GetAwaiter().GetResult();
            return FakeReply.Normal(responder.Answer(messages, jsonFormat, reading).GetRawText());
        };
    }

    private static string Text(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString() ?? ""
        : string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : ""));
}
