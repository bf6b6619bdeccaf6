using System.Diagnostics;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests.Caching;

/// <summary>
/// Two instances of a service — each with its own service provider, HybridCache and Redis connection, as two processes
/// would have — share answers through one real redis-server: what instance A stored, instance B serves.
/// </summary>
public sealed class RedisCacheTests : IClassFixture<RedisServer>
{
    private readonly RedisServer _redis;

    public RedisCacheTests(RedisServer redis) => _redis = redis;

    private ServiceProvider Instance(string redisPrefix) =>
        new ServiceCollection()
            .AddStackExchangeRedisCache(o =>
            {
                o.Configuration = _redis.Configuration;
                o.InstanceName = redisPrefix;
            })
            .AddHybridCache().Services
            .BuildServiceProvider();

    private static Func<CancellationToken, Task<System.ClientModel.ClientResult<ChatCompletion>>> Ask(ChatClient client)
        => ct => client.CompleteChatAsync(Clients.Messages, null, ct);

    [Fact]
    public async Task Instance_B_serves_what_instance_A_stored_through_HybridCache()
    {
        string prefix = "test-" + Guid.NewGuid().ToString("N") + ":";
        await using ServiceProvider a = Instance(prefix);
        await using ServiceProvider b = Instance(prefix);
        await using var server = new ScriptedServer(Json(UsageResponses.ChatCompletion("gpt-4o-mini", 40, 8)));
        ChatClient client = Clients.Chat(server);
        object request = new object[] { client.Model, Clients.Messages };

        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.Cache = a.GetRequiredService<HybridCache>();
        });
        var stored = await LlmGuard.RunCachedAsync(request, Ask(client));
        string storeKey = "llmpreflight:" + LlmCacheKey.Create<System.ClientModel.ClientResult<ChatCompletion>>("default", request).Value;
        Assert.NotNull(await StoredInRedisAsync(a, storeKey));

        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.Cache = b.GetRequiredService<HybridCache>();
        });
        var served = await LlmGuard.RunCachedAsync(request, Ask(client));

        Assert.Equal(1, server.Attempts);
        Assert.Equal(stored.Value.Content[0].Text, served.Value.Content[0].Text);
        Assert.Equal(40, served.Value.Usage.InputTokenCount);
        Assert.Equal("gpt-4o-mini", served.Value.Model);
        Assert.Empty(LlmGuard.Costs.Snapshot()); // instance B's configuration billed nothing

        // The entry is in Redis under the policy's prefix and the public key, as instance B sees it too.
        Assert.NotNull(await b.GetRequiredService<IDistributedCache>().GetAsync(storeKey));
    }

    /// <summary>
    /// The Redis entry under <paramref name="storeKey"/>: HybridCache may finish its second-level write after the call has
    /// returned, so this waits for it (bounded) instead of racing it.
    /// </summary>
    private static async Task<byte[]?> StoredInRedisAsync(ServiceProvider instance, string storeKey)
    {
        IDistributedCache redis = instance.GetRequiredService<IDistributedCache>();
        byte[]? stored = await redis.GetAsync(storeKey);
        for (var waited = Stopwatch.StartNew(); stored is null && waited.Elapsed < TimeSpan.FromSeconds(5);)
        {
            await Task.Delay(50);
            stored = await redis.GetAsync(storeKey);
        }

        return stored;
    }

    [Fact]
    public async Task Instance_B_serves_what_instance_A_stored_through_a_plain_IDistributedCache()
    {
        string prefix = "test-" + Guid.NewGuid().ToString("N") + ":";
        await using ServiceProvider a = Instance(prefix);
        await using ServiceProvider b = Instance(prefix);
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);

        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.DistributedCache = a.GetRequiredService<IDistributedCache>();
        });
        await LlmGuard.RunCachedAsync("hi", Ask(client));

        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.DistributedCache = b.GetRequiredService<IDistributedCache>();
        });
        var served = await LlmGuard.RunCachedAsync("hi", Ask(client));

        Assert.Equal(1, server.Attempts);
        Assert.Equal("hello", served.Value.Content[0].Text);
    }

    [Fact]
    public async Task An_entry_expires_in_Redis_after_CacheExpiration()
    {
        string prefix = "test-" + Guid.NewGuid().ToString("N") + ":";
        await using ServiceProvider a = Instance(prefix);
        await using ServiceProvider b = Instance(prefix);
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);
        void Use(ServiceProvider instance) => LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.Cache = instance.GetRequiredService<HybridCache>();
            o.DefaultPolicy.CacheExpiration = TimeSpan.FromSeconds(1);
        });

        Use(a);
        await LlmGuard.RunCachedAsync("hi", Ask(client));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Use(b);
        await LlmGuard.RunCachedAsync("hi", Ask(client));

        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task AddLlmPreflight_uses_the_HybridCache_registered_in_the_container()
    {
        string prefix = "test-" + Guid.NewGuid().ToString("N") + ":";
        await using ServiceProvider other = Instance(prefix);
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);
        var services = new ServiceCollection();
        services.AddStackExchangeRedisCache(o =>
        {
            o.Configuration = _redis.Configuration;
            o.InstanceName = prefix;
        });
        services.AddHybridCache();
        services.AddLlmPreflight(o => FastPolicy.Apply(o.DefaultPolicy));
        await using ServiceProvider provider = services.BuildServiceProvider();

        ILlmGuard guard = provider.GetRequiredService<ILlmGuard>();
        var first = await LlmGuard.RunCachedAsync("hi", Ask(client));

        Assert.NotNull(guard);
        string storeKey = "llmpreflight:" + LlmCacheKey.Create<System.ClientModel.ClientResult<ChatCompletion>>("default", "hi").Value;

        Assert.NotNull(await StoredInRedisAsync(other, storeKey));
        Assert.Equal("hello", first.Value.Content[0].Text);
    }
}
