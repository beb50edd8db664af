using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;

namespace PersonaExplorer.Tests.Ai;

/// <summary>The provider scheduler on its own: which endpoints are scheduled chat first, the cap, and who gets a freed slot.</summary>
public class ProviderSchedulerTests
{
    private static ProviderScheduler Scheduler(Action<AiOptions> configure)
    {
        var options = new AiOptions();
        configure(options);
        return new ProviderScheduler(Options.Create(options));
    }

    private static ProviderScheduler ChatFirst(int cap = 1) =>
        Scheduler(o => { o.Scheduling.Mode = SchedulingMode.ChatFirst; o.Scheduling.MaxConcurrentRequests = cap; });

    [Theory]
    [InlineData(AiProvider.OpenAI, "http://localhost:11434/v1", true)]
    [InlineData(AiProvider.OpenAI, "http://127.0.0.1:8080/v1", true)]
    [InlineData(AiProvider.OpenAI, null, false)]
    [InlineData(AiProvider.OpenAI, "https://models.example.org/v1", false)]
    [InlineData(AiProvider.AzureOpenAI, "https://name.openai.azure.com/", false)]
    [InlineData(AiProvider.Offline, null, false)]
    public void Auto_schedules_chat_first_only_for_a_server_on_this_machine(AiProvider provider, string? endpoint, bool chatFirst)
    {
        Assert.Equal(chatFirst, Scheduler(o => { o.Provider = provider; o.Endpoint = endpoint; }).ChatFirst);
    }

    [Fact]
    public void The_mode_can_be_forced_either_way()
    {
        Assert.True(Scheduler(o => { o.Provider = AiProvider.AzureOpenAI; o.Scheduling.Mode = SchedulingMode.ChatFirst; }).ChatFirst);
        Assert.False(Scheduler(o => { o.Provider = AiProvider.OpenAI; o.Endpoint = "http://localhost:11434/v1"; o.Scheduling.Mode = SchedulingMode.Parallel; }).ChatFirst);
    }

    [Fact]
    public async Task Parallel_mode_never_makes_a_request_wait()
    {
        var scheduler = Scheduler(o => o.Scheduling.Mode = SchedulingMode.Parallel);
        var slots = new List<IDisposable>();
        for (var i = 0; i < 20; i++)
        {
            var slot = scheduler.EnterAsync(ProviderLane.Background, CancellationToken.None);
            Assert.True(slot.IsCompleted);
            slots.Add(await slot);
        }
        Assert.True(scheduler.PanelsMayStartAsync(new TaskCompletionSource().Task, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task A_waiting_chat_request_gets_the_freed_slot_before_earlier_background_requests()
    {
        var scheduler = ChatFirst(cap: 1);
        var running = await scheduler.EnterAsync(ProviderLane.Background, CancellationToken.None);
        var agent = scheduler.EnterAsync(ProviderLane.Background, CancellationToken.None).AsTask();
        var chat = scheduler.EnterAsync(ProviderLane.Chat, CancellationToken.None).AsTask();
        Assert.False(agent.IsCompleted);
        Assert.False(chat.IsCompleted);

        running.Dispose();
        var chatSlot = await chat.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(agent.IsCompleted);
        Assert.Equal(1, scheduler.Running);

        chatSlot.Dispose();
        (await agent.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        Assert.Equal(0, scheduler.Running);
    }

    [Fact]
    public async Task No_more_than_the_cap_are_at_the_provider_at_once()
    {
        var scheduler = ChatFirst(cap: 2);
        var first = await scheduler.EnterAsync(ProviderLane.Background, CancellationToken.None);
        var second = await scheduler.EnterAsync(ProviderLane.Background, CancellationToken.None);
        var third = scheduler.EnterAsync(ProviderLane.Chat, CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted);
        Assert.Equal(2, scheduler.Running);

        second.Dispose();
        second.Dispose(); // releasing twice frees one slot only
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        first.Dispose();
        Assert.Equal(0, scheduler.Running);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_queue_and_takes_no_slot()
    {
        var scheduler = ChatFirst(cap: 1);
        var running = await scheduler.EnterAsync(ProviderLane.Chat, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = scheduler.EnterAsync(ProviderLane.Background, cancel.Token).AsTask();
        var next = scheduler.EnterAsync(ProviderLane.Background, CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        running.Dispose();
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        Assert.Equal(0, scheduler.Running);
    }

    [Fact]
    public async Task In_chat_first_mode_panels_wait_for_the_chats_first_token()
    {
        var scheduler = ChatFirst();
        var firstToken = new TaskCompletionSource();
        var panels = scheduler.PanelsMayStartAsync(firstToken.Task, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(panels.IsCompleted);
        firstToken.SetResult();
        await panels.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void A_cap_out_of_range_names_the_setting(int cap)
    {
        var failures = AiOptionsValidator.Failures(new AiOptions { Scheduling = { MaxConcurrentRequests = cap } });
        Assert.Contains("Ai:Scheduling:MaxConcurrentRequests must be between 1 and 64.", failures);
    }
}
