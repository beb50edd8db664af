using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PersonaExplorer.Data.Changes;

/// <summary>
/// Change notifications that cross circuits ("the proposals of profile X changed"). Subscribers in this process are
/// called at once; with PostgreSQL the change also goes to every other instance through NOTIFY (see
/// <see cref="PostgreSqlChangeListener"/>). A notification says only what changed: subscribers re-read the database.
/// Every change belongs to one person (its owner): a subscriber hears its own owner's changes only, so none can see
/// another person's by forgetting a filter.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Tells the subscribers of <paramref name="owner"/> (here and on other instances) that <paramref name="topic"/> changed.</summary>
    Task PublishAsync(string topic, string owner, string payload, CancellationToken ct = default);

    /// <summary>
    /// Calls <paramref name="handler"/> with each payload published on <paramref name="topic"/> for the owner that
    /// <paramref name="owner"/> names when the change arrives (a scope's owner may be fixed after it subscribes); dispose to stop.
    /// </summary>
    IDisposable Subscribe(string topic, Func<ValueTask<string>> owner, Func<string, Task> handler);
}

/// <summary>Subscribers of this process only: the feed of a single instance (SQLite) and the local half of <see cref="ChangeFeed"/>.</summary>
public sealed class InProcessChangeFeed(ILogger? logger = null) : IChangeFeed
{
    private readonly ConcurrentDictionary<string, Notifier<Change>> _topics = new();

    public Task PublishAsync(string topic, string owner, string payload, CancellationToken ct = default) =>
        _topics.TryGetValue(topic, out var notifier) ? notifier.NotifyAsync(new Change(owner, payload)) : Task.CompletedTask;

    public IDisposable Subscribe(string topic, Func<ValueTask<string>> owner, Func<string, Task> handler) =>
        _topics.GetOrAdd(topic, _ => new Notifier<Change>(logger)).Subscribe(async change =>
        {
            if (change.Owner == await OwnerOrNobodyAsync(owner)) await handler(change.Payload);
        });

    // A scope nobody signed in to owns nothing, so it hears nothing (instead of a warning per change).
    private static async ValueTask<string?> OwnerOrNobodyAsync(Func<ValueTask<string>> owner)
    {
        try { return await owner(); }
        catch (UnauthorizedAccessException) { return null; }
    }

    private sealed record Change(string Owner, string Payload);
}

/// <summary>The app's feed: in-process, plus PostgreSQL NOTIFY to the other instances when the provider is PostgreSQL.</summary>
public sealed class ChangeFeed : IChangeFeed, IAsyncDisposable
{
    public const string Channel = "personaexplorer_changes";

    /// <summary>Connections one instance uses at most for NOTIFY (README: "Running on PostgreSQL").</summary>
    public const int NotifyPoolSize = 5;

    private readonly InProcessChangeFeed _local;
    private readonly NpgsqlDataSource? _postgres;
    private readonly ILogger<ChangeFeed> _logger;

    public ChangeFeed(IOptions<DataOptions> options, ILogger<ChangeFeed> logger)
    {
        _logger = logger;
        _local = new InProcessChangeFeed(logger);
        var data = options.Value;
        // NOTIFY is one short statement: a small pool of its own, so an instance's connections stay Max Pool Size + this + the listener.
        if (data.Provider == DataProvider.PostgreSQL)
        {
            var builder = new NpgsqlConnectionStringBuilder(data.ResolveConnectionString());
            builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, NotifyPoolSize);
            builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
            _postgres = NpgsqlDataSource.Create(builder.ConnectionString);
        }
    }

    /// <summary>Tells notifications this instance sent from those of other instances (NOTIFY reaches the sender too).</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    public bool CrossesInstances => _postgres is not null;

    public async Task PublishAsync(string topic, string owner, string payload, CancellationToken ct = default)
    {
        await _local.PublishAsync(topic, owner, payload, ct);
        if (_postgres is null) return;
        try
        {
            await using var command = _postgres.CreateCommand("SELECT pg_notify(@channel, @message)");
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("message", JsonSerializer.Serialize(new Envelope(InstanceId, topic, owner, payload)));
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The change itself is saved; other instances see it on their next read.
            _logger.LogWarning(e, "Could not notify other instances of a change on {Topic}", topic);
        }
    }

    public IDisposable Subscribe(string topic, Func<ValueTask<string>> owner, Func<string, Task> handler) => _local.Subscribe(topic, owner, handler);

    /// <summary>A NOTIFY payload from the listener; this instance's own are skipped (already delivered).</summary>
    internal async Task ReceiveAsync(string message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message);
            if (envelope is not null && envelope.Origin != InstanceId) await _local.PublishAsync(envelope.Topic, envelope.Owner, envelope.Payload);
        }
        catch (JsonException e) { _logger.LogWarning(e, "Ignored a malformed change notification"); }
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    private sealed record Envelope(Guid Origin, string Topic, string Owner, string Payload);
}

/// <summary>LISTENs on the PostgreSQL channel on a connection of its own and hands other instances' changes to the feed; reconnects after a failure.</summary>
public sealed class PostgreSqlChangeListener(ChangeFeed feed, IOptions<DataOptions> options, ILogger<PostgreSqlChangeListener> logger) : BackgroundService
{
    /// <summary>Set once LISTEN is active (tests wait for it before publishing from another instance).</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!feed.CrossesInstances) { _listening.TrySetResult(); return; }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Keepalive so a dropped connection is noticed; notifications missed meanwhile are re-read on the next change or reload.
                var builder = new NpgsqlConnectionStringBuilder(options.Value.ResolveConnectionString()) { KeepAlive = 30, Pooling = false };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => _ = feed.ReceiveAsync(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeFeed.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogWarning(e, "Lost the PostgreSQL change listener; reconnecting in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

public static class ChangeFeedExtensions
{
    public static IHostApplicationBuilder AddChangeFeed(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChangeFeed>();
        builder.Services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<ChangeFeed>());
        builder.Services.AddSingleton<PostgreSqlChangeListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgreSqlChangeListener>());
        return builder;
    }
}
