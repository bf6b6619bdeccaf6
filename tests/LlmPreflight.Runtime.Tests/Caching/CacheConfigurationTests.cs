using System.Text;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests.Caching;

/// <summary>The cache settings from code and appsettings.json, and the validator's sentences for bad values.</summary>
public sealed class CacheConfigurationTests
{
    private static IConfiguration Json(string json)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    [Fact]
    public void Invalid_cache_settings_are_named_with_their_fix()
    {
        var error = Assert.Throws<LlmGuardConfigurationException>(() => LlmGuard.Configure(o =>
        {
            o.DefaultPolicy.CacheExpiration = TimeSpan.Zero;
            o.DefaultPolicy.CacheKeyPrefix = null!;
            o.DefaultPolicy.CacheMode = (LlmCacheMode)7;
            o.AddPolicy("faq", p =>
            {
                p.CacheExpiration = TimeSpan.FromMinutes(5);
                p.CacheLocalExpiration = TimeSpan.FromMinutes(10);
            });
            o.AddPolicy("neg", p => p.CacheLocalExpiration = TimeSpan.FromSeconds(-1));
            o.Cache = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
            o.DistributedCache = new ServiceCollection().AddDistributedMemoryCache().BuildServiceProvider().GetRequiredService<IDistributedCache>();
        }));

        Assert.Equal(6, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("policy 'default': CacheExpiration is 00:00:00") && p.Contains("1 hour is the default"));
        Assert.Contains(error.Problems, p => p.StartsWith("policy 'default': CacheKeyPrefix is null"));
        Assert.Contains(error.Problems, p => p.StartsWith("policy 'default': CacheMode is 7") && p.Contains("OptIn"));
        Assert.Contains(error.Problems, p => p.StartsWith("policy 'faq': CacheLocalExpiration (00:10:00) is longer than CacheExpiration (00:05:00)"));
        Assert.Contains(error.Problems, p => p.StartsWith("policy 'neg': CacheLocalExpiration is -00:00:01"));
        Assert.Contains(error.Problems, p => p.StartsWith("Cache and DistributedCache are both set"));
    }

    [Fact]
    public async Task Cache_settings_are_read_from_appsettings()
    {
        var config = Json("""
            { "LlmPreflight": { "Policies": { "faq": {
                "CacheMode": "allcalls", "CacheExpiration": "1.00:00:00", "CacheLocalExpiration": "00:05:00", "CacheKeyPrefix": "faq:" } } } }
            """);
        new ServiceCollection().AddLlmPreflight(config);
        await using var server = new ScriptedServer(Respond.Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);

        await LlmGuard.RunCachedAsync("faq", "hi", ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        await LlmGuard.RunCachedAsync("faq", "hi", ct => client.CompleteChatAsync(Clients.Messages, null, ct));

        Assert.Equal(1, server.Attempts);
        Assert.True(LlmGuard.CachesAllCalls("faq"));
        Assert.False(LlmGuard.CachesAllCalls(LlmGuard.DefaultPolicyName));
    }

    [Fact]
    public void A_bad_cache_value_in_appsettings_names_its_key()
    {
        var config = Json("""
            { "LlmPreflight": { "Default": { "CacheMode": "sometimes", "CacheExpiration": "-00:00:05" },
                                "Policies": { "faq": { "CacheLocalExpiration": "five minutes" } } } }
            """);

        var error = Assert.Throws<LlmGuardConfigurationException>(() => new ServiceCollection().AddLlmPreflight(config));

        Assert.Contains(error.Problems, p => p.Contains("'LlmPreflight:Default:CacheMode'") && p.Contains("OptIn, AllCalls or Off"));
        Assert.Contains(error.Problems, p => p.Contains("'LlmPreflight:Policies:faq:CacheLocalExpiration'") && p.Contains("not a time span"));

        var invalid = Assert.Throws<LlmGuardConfigurationException>(() => new ServiceCollection().AddLlmPreflight(Json("""
            { "LlmPreflight": { "Default": { "CacheExpiration": "-00:00:05" } } }
            """)));
        Assert.Contains(invalid.Problems, p => p.StartsWith("configuration key 'LlmPreflight:Default:CacheExpiration': policy 'default': CacheExpiration is -00:00:05"));
    }
}
