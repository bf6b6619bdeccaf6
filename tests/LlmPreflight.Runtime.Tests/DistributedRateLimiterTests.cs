using LlmPreflight.Runtime.Tests.Infrastructure;
using RedisRateLimiting;
using StackExchange.Redis;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

/// <summary>
/// Two instances of a service — two policies, each with its own Redis connection and limiter object, as two
/// processes would have — share one requests-per-window quota through a real redis-server.
/// </summary>
public sealed class DistributedRateLimiterTests : IClassFixture<RedisServer>
{
    private readonly RedisServer _redis;

    public DistributedRateLimiterTests(RedisServer redis) => _redis = redis;

    private RedisSlidingWindowRateLimiter<string> Limiter(IConnectionMultiplexer connection, string key, int permits) =>
        new(key, new RedisSlidingWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => connection,
            PermitLimit = permits,
            Window = TimeSpan.FromSeconds(30),
        });

    [Fact]
    public async Task Instances_draw_on_one_quota_and_the_call_beyond_it_is_rejected_without_being_sent()
    {
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        using var instanceA = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        using var instanceB = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var key = "llm:quota:" + Guid.NewGuid().ToString("N");
        using var limiterA = Limiter(instanceA, key, permits: 3);
        using var limiterB = Limiter(instanceB, key, permits: 3);
        LlmGuard.Configure(options =>
        {
            FastPolicy.Apply(options.DefaultPolicy);
            options.DefaultPolicy.RateLimiter = limiterA;
            options.AddPolicy("instance-b", p =>
            {
                FastPolicy.Apply(p);
                p.RateLimiter = limiterB;
            });
        });
        var client = Clients.Chat(server);

        await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        await LlmGuard.RunAsync("instance-b", ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        var rejected = await Assert.ThrowsAsync<LlmRateLimitRejectedException>(
            () => LlmGuard.RunAsync("instance-b", ct => client.CompleteChatAsync(Clients.Messages, null, ct)));

        Assert.Equal("instance-b", rejected.PolicyName);
        Assert.Equal(3, server.Attempts);
    }

    [Fact]
    public async Task A_separate_quota_key_is_not_affected()
    {
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        using var spent = Limiter(connection, "llm:quota:spent:" + Guid.NewGuid().ToString("N"), permits: 1);
        using var fresh = Limiter(connection, "llm:quota:fresh:" + Guid.NewGuid().ToString("N"), permits: 1);
        LlmGuard.Configure(options =>
        {
            FastPolicy.Apply(options.DefaultPolicy);
            options.DefaultPolicy.RateLimiter = spent;
            options.AddPolicy("other-model", p =>
            {
                FastPolicy.Apply(p);
                p.RateLimiter = fresh;
            });
        });
        var client = Clients.Chat(server);

        await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        await Assert.ThrowsAsync<LlmRateLimitRejectedException>(() => LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct)));
        await LlmGuard.RunAsync("other-model", ct => client.CompleteChatAsync(Clients.Messages, null, ct));

        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public void Supplying_a_limiter_and_built_in_permits_is_a_configuration_error()
    {
        using var connection = ConnectionMultiplexer.Connect(_redis.Configuration);
        using var limiter = Limiter(connection, "llm:quota:conflict", permits: 1);
        var error = Assert.Throws<LlmGuardConfigurationException>(() => LlmGuard.Configure(options =>
        {
            options.DefaultPolicy.RateLimiter = limiter;
            options.DefaultPolicy.RateLimitPermits = 10;
        }));
        Assert.Contains("RateLimiter and RateLimitPermits are both set", error.Message);
    }
}
