using Microsoft.EntityFrameworkCore;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Tests.Ai.Fakes;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Explore;

/// <summary>
/// The workspace over the real SDK path (OpenAI and Azure clients) against the in-process fake provider:
/// whatever goes wrong, the user sees a clear message, the user's message is stored, what arrived is kept, and Retry works.
/// </summary>
public class ExploreProviderFailureTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = default!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> Failures => new()
    {
        { "500", "500" },
        { "401", "key" },
        { "429", "429" },
        { "content-filter", "content filter" },
        { "cut", "cut off" },
        { "never", "did not answer" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public Task A_failing_provider_keeps_the_message_and_the_partial_and_retry_works_over_OpenAI(string failure, string expected) =>
        FailThenRetry(AiProvider.OpenAI, failure, expected);

    [Theory]
    [InlineData("500", "500")]
    [InlineData("cut", "cut off")]
    [InlineData("content-filter", "content filter")]
    public Task A_failing_provider_keeps_the_message_and_the_partial_and_retry_works_over_Azure(string failure, string expected) =>
        FailThenRetry(AiProvider.AzureOpenAI, failure, expected);

    private async Task FailThenRetry(AiProvider provider, string failure, string expected)
    {
        var options = new AiOptions();
        Configure(options, provider);
        _server.DefaultReply = failure switch
        {
            "500" => FakeReply.Status(500),
            "401" => FakeReply.Status(401),
            "429" => FakeReply.Status(429, retryAfterSeconds: 3600), // capped by the retry policy, so the turn still ends quickly
            "content-filter" => FakeReply.ContentFilter(),
            "cut" => FakeReply.CutMidStream("Here are three ideas for your weekend away", afterChunks: 4),
            "never" => FakeReply.NeverAnswer(),
            _ => throw new ArgumentOutOfRangeException(nameof(failure)),
        };
        using var client = AiExtensions.CreateChatClient(options);
        await using var ws = await Workspace.CreateAsync(client, AiExtensions.CreateModelInfo(options), ai: o => Configure(o, provider));

        Assert.Null(await ws.Explore.SendAsync("Plan a weekend away"));
        var failed = await ws.AnswerAsync(TimeSpan.FromSeconds(30));

        Assert.True(failed.Status == MessageStatus.Failed, $"{failed.Status}: {failed.Content} / {failed.Error} / {string.Join(",", ws.Explore.Messages.Select(m => m.Role + ":" + m.Content[..Math.Min(20, m.Content.Length)]))}");
        Assert.Contains(expected, failed.Error, StringComparison.OrdinalIgnoreCase);
        if (failure == "cut") Assert.StartsWith("Here are three", failed.Content);
        await using (var db = ws.Db())
        {
            Assert.Equal("Plan a weekend away", (await db.Messages.SingleAsync(m => m.Role == MessageRole.User)).Content);
            var storedAnswer = await db.Messages.SingleAsync(m => m.Role == MessageRole.Assistant);
            Assert.Equal(failed.Content, storedAnswer.Content);
            Assert.Equal(failed.Error, storedAnswer.Error);
        }

        _server.DefaultReply = FakeReply.Normal("All good now.");
        await ws.Explore.RegenerateAsync();
        var retried = await ws.AnswerAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(MessageStatus.Complete, retried.Status);
        Assert.Equal("All good now.", retried.Content.Trim());
        Assert.Equal(2, ws.Explore.Messages.Count);
    }

    // The workspace reads the same settings as the client it is given (its call timeout among them).
    private void Configure(AiOptions o, AiProvider provider)
    {
        o.PointAt(_server, provider);
        o.TimeoutSeconds = 3;
        o.MaxRetries = 2;
        o.RetryBaseDelaySeconds = 0.05;
        o.MaxRetryDelaySeconds = 0.2;
    }
}
