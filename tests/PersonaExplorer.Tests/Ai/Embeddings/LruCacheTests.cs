using PersonaExplorer.Ai.Embeddings;

namespace PersonaExplorer.Tests.Ai.Embeddings;

public class LruCacheTests
{
    [Fact]
    public void A_full_cache_forgets_the_least_recently_used_entry_only()
    {
        var cache = new LruCache<string, int>(3);
        cache.Set("a", 1);
        cache.Set("b", 2);
        cache.Set("c", 3);
        Assert.True(cache.TryGet("a", out _)); // a is now the most recent; b the oldest

        cache.Set("d", 4);

        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(1, a);
        Assert.True(cache.TryGet("c", out _));
        Assert.True(cache.TryGet("d", out _));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void Setting_a_known_key_replaces_its_value_without_evicting_another()
    {
        var cache = new LruCache<string, int>(2);
        cache.Set("a", 1);
        cache.Set("b", 2);

        cache.Set("a", 10);

        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(10, a);
        Assert.True(cache.TryGet("b", out _));
    }

    [Fact]
    public async Task Concurrent_readers_and_writers_never_exceed_the_capacity()
    {
        var cache = new LruCache<int, int>(100);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                cache.Set(t * 10_000 + i, i);
                cache.TryGet(t * 10_000 + i / 2, out _);
            }
        })));

        Assert.Equal(100, cache.Count);
    }
}
