using System.Text;
using Betalgo.Ranul.OpenAI;
using Betalgo.Ranul.OpenAI.Managers;
using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests.Caching;

/// <summary>
/// The in-memory default store: hits are not billed but counted, entries expire on the configured clock, concurrent
/// identical calls make one model call, and only what the model really answered is stored.
/// </summary>
public sealed class CacheBehaviourTests
{
    private static Func<CancellationToken, Task<string>> Ask(ChatClient client)
        => async ct => (await client.CompleteChatAsync(Clients.Messages, null, ct)).Value.Content[0].Text;

    [Fact]
    public async Task Hits_and_misses_carry_the_prompt_variant_in_scope()
    {
        FastPolicy.Configure();
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Json(UsageResponses.ChatCompletion("gpt-4o-mini", 100, 10)));
        ChatClient client = Clients.Chat(server);

        using (LlmGuard.BeginScope(new LlmCallContext { PromptId = "faq", PromptVersion = "2", PromptExperiment = "faq-tone", PromptVariant = "warm" }))
        {
            await LlmGuard.RunCachedAsync("hi", ct => client.CompleteChatAsync(Clients.Messages, null, ct));
            await LlmGuard.RunCachedAsync("hi", ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        }

        Measurement miss = Assert.Single(telemetry.Of(LlmTelemetry.CacheMisses));
        Measurement hit = Assert.Single(telemetry.Of(LlmTelemetry.CacheHits));
        Assert.All(new[] { miss, hit }, m => Assert.Equal(("faq", "2", "faq-tone", "warm"), (m.Tag("llmpreflight.prompt.id"), m.Tag("llmpreflight.prompt.version"), m.Tag("llmpreflight.prompt.experiment"), m.Tag("llmpreflight.prompt.variant"))));
    }

    [Fact]
    public async Task A_hit_makes_no_call_is_not_billed_and_is_counted()
    {
        FastPolicy.Configure();
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Json(UsageResponses.ChatCompletion("gpt-4o-mini", 100, 10)));
        ChatClient client = Clients.Chat(server);

        for (int i = 0; i < 3; i++)
        {
            await LlmGuard.RunCachedAsync("hi", ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        }

        Assert.Equal(1, server.Attempts);
        LlmCostLine line = Assert.Single(LlmGuard.Costs.Snapshot());
        Assert.Equal(1, line.Calls);
        Assert.Equal(100, line.InputTokens);
        Assert.Single(telemetry.Of(LlmTelemetry.TokenUsage), m => Equals(m.Tag("gen_ai.token.type"), "input"));
        Measurement miss = Assert.Single(telemetry.Of(LlmTelemetry.CacheMisses));
        Assert.Equal(2, telemetry.Of(LlmTelemetry.CacheHits).Count);
        Assert.Equal("default", miss.Tag("llmpreflight.policy"));
        Assert.Equal("chat", miss.Tag("gen_ai.operation.name"));
    }

    [Fact]
    public async Task Entries_expire_on_the_configured_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.TimeProvider = clock;
            o.DefaultPolicy.CacheExpiration = TimeSpan.FromMinutes(10);
        });
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);

        await LlmGuard.RunCachedAsync("hi", Ask(client));
        clock.Advance(TimeSpan.FromMinutes(9));
        await LlmGuard.RunCachedAsync("hi", Ask(client));
        Assert.Equal(1, server.Attempts);

        clock.Advance(TimeSpan.FromMinutes(2));
        await LlmGuard.RunCachedAsync("hi", Ask(client));
        Assert.Equal(2, server.Attempts);

        // A per-call expiration overrides the policy's.
        await LlmGuard.RunCachedAsync(LlmGuard.DefaultPolicyName, "short", Ask(client), new LlmCachedCallOptions { Expiration = TimeSpan.FromSeconds(30) });
        clock.Advance(TimeSpan.FromSeconds(31));
        await LlmGuard.RunCachedAsync(LlmGuard.DefaultPolicyName, "short", Ask(client), new LlmCachedCallOptions { Expiration = TimeSpan.FromSeconds(30) });
        Assert.Equal(4, server.Attempts);
    }

    [Fact]
    public async Task Concurrent_identical_calls_make_one_model_call()
    {
        FastPolicy.Configure();
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(After(TimeSpan.FromMilliseconds(400), Json(ChatCompletionJson)));
        ChatClient client = Clients.Chat(server);
        using var start = new ManualResetEventSlim();

        Task<string>[] calls = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() =>
            {
                start.Wait();
                return LlmGuard.RunCachedAsync("hi", Ask(client));
            }))
            .ToArray();
        start.Set();
        string[] answers = await Task.WhenAll(calls);

        Assert.Equal(1, server.Attempts);
        Assert.All(answers, a => Assert.Equal("hello", a));
        Assert.Single(telemetry.Of(LlmTelemetry.CacheMisses));
        Assert.Equal(7, telemetry.Of(LlmTelemetry.CacheHits).Count);
    }

    [Fact]
    public async Task A_fallback_answer_is_not_stored()
    {
        LlmGuard.Configure(o =>
        {
            o.DefaultPolicy.MaxRetries = 0;
            o.DefaultPolicy.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.DefaultPolicy.AddFallback<string>(_ => "busy");
        });
        await using var server = new ScriptedServer(Status(503), Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);

        Assert.Equal("busy", await LlmGuard.RunCachedAsync("hi", Ask(client)));
        Assert.Equal("hello", await LlmGuard.RunCachedAsync("hi", Ask(client)));
        Assert.Equal("hello", await LlmGuard.RunCachedAsync("hi", Ask(client)));

        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task A_failure_the_SDK_returns_instead_of_throwing_is_not_stored()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(401, "{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\",\"code\":null}}"), Json(ChatCompletionJson));
        var service = new OpenAIService(new OpenAIOptions { ApiKey = "test-key", BaseDomain = server.Url.TrimEnd('/') }, new HttpClient());
        var request = new ChatCompletionCreateRequest { Model = "gpt-4o-mini", Messages = [Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.ChatMessage.FromUser("Hello")] };

        var failed = await LlmGuard.RunCachedAsync(request, ct => service.ChatCompletion.CreateCompletion(request, cancellationToken: ct));
        var succeeded = await LlmGuard.RunCachedAsync(request, ct => service.ChatCompletion.CreateCompletion(request, cancellationToken: ct));
        var cached = await LlmGuard.RunCachedAsync(request, ct => service.ChatCompletion.CreateCompletion(request, cancellationToken: ct));

        Assert.False(failed.Successful);
        Assert.True(succeeded.Successful);
        Assert.Equal("hello", cached.Choices[0].Message.Content);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task An_exception_is_not_stored()
    {
        LlmGuard.Configure(o => o.DefaultPolicy.AttemptTimeout = TimeSpan.FromSeconds(5));
        await using var server = new ScriptedServer(Status(400), Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);

        await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => LlmGuard.RunCachedAsync("hi", Ask(client)));
        Assert.Equal("hello", await LlmGuard.RunCachedAsync("hi", Ask(client)));
        Assert.Equal("hello", await LlmGuard.RunCachedAsync("hi", Ask(client)));

        Assert.Equal(2, server.Attempts);
    }

    public sealed class Opaque
    {
        public Opaque(string text) => Answer = text;

        public string Answer { get; }
    }

    public sealed class FieldsOnly
    {
        public string Answer = "";
    }

    private sealed class OpaqueSerializer : ILlmResultSerializer<Opaque>
    {
        public byte[] Serialize(Opaque value) => Encoding.UTF8.GetBytes(value.Answer);

        public Opaque Deserialize(byte[] data) => new(Encoding.UTF8.GetString(data));
    }

    [Fact]
    public async Task A_type_that_cannot_round_trip_fails_loudly_and_a_registered_serializer_fixes_it()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);
        Func<CancellationToken, Task<Opaque>> opaque = async ct => new Opaque(await Ask(client)(ct));

        var error = await Assert.ThrowsAsync<LlmCacheSerializationException>(() => LlmGuard.RunCachedAsync("hi", opaque));
        Assert.Equal(typeof(Opaque), error.ResultType);
        Assert.Contains("LlmPreflight.Runtime.Tests.Caching.CacheBehaviourTests+Opaque", error.Message);
        Assert.Contains("LlmResultSerializers.Register<", error.Message);

        var empty = await Assert.ThrowsAsync<LlmCacheSerializationException>(() => LlmGuard.RunCachedAsync("hi", async ct => new FieldsOnly { Answer = await Ask(client)(ct) }));
        Assert.Contains("empty JSON object", empty.Message);

        // object says nothing about what to read back: refused before the model is called.
        int before = server.Attempts;
        await Assert.ThrowsAsync<LlmCacheSerializationException>(() => LlmGuard.RunCachedAsync<object>("hi", async ct => await Ask(client)(ct)));
        Assert.Equal(before, server.Attempts);

        LlmResultSerializers.Register(new OpaqueSerializer());
        Opaque first = await LlmGuard.RunCachedAsync("hi", opaque);
        Opaque second = await LlmGuard.RunCachedAsync("hi", opaque);
        Assert.Equal("hello", second.Answer);
        Assert.NotSame(first, second);
        Assert.Equal(before + 1, server.Attempts);
    }

    [Fact]
    public async Task A_collection_with_properties_of_its_own_is_refused_rather_than_stripped()
    {
        FastPolicy.Configure();

        var error = await Assert.ThrowsAsync<LlmCacheSerializationException>(() => LlmGuard.RunCachedAsync("hi", _ => Task.FromResult(new TaggedList { Tag = "x" })));

        Assert.Contains("Tag", error.Message);
    }

    public sealed class TaggedList : List<string>
    {
        public string? Tag { get; set; }
    }

    [Fact]
    public async Task CacheMode_Off_runs_every_call()
    {
        FastPolicy.Configure(p => p.CacheMode = LlmCacheMode.Off);
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);

        await LlmGuard.RunCachedAsync("hi", Ask(client));
        await LlmGuard.RunCachedAsync("hi", Ask(client));

        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task Policies_do_not_share_entries_and_their_prefixes_apply()
    {
        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.AddPolicy("other", p =>
            {
                FastPolicy.Apply(p);
                p.CacheKeyPrefix = "app2:";
            });
        });
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);

        await LlmGuard.RunCachedAsync("hi", Ask(client));
        await LlmGuard.RunCachedAsync("other", "hi", Ask(client));
        await LlmGuard.RunCachedAsync("other", "hi", Ask(client));

        Assert.Equal(2, server.Attempts);
        await Assert.ThrowsAsync<LlmGuardConfigurationException>(() => LlmGuard.RunCachedAsync("missing", "hi", Ask(client)));
    }

    [Fact]
    public async Task The_middleware_caches_every_request_under_CacheMode_AllCalls()
    {
        LlmGuard.Configure(o => o.AddPolicy("cached", p =>
        {
            FastPolicy.Apply(p);
            p.CacheMode = LlmCacheMode.AllCalls;
        }));
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        IChatClient chat = Clients.Chat(server).AsIChatClient().AsBuilder().UseLlmPreflight("cached").Build();
        IChatClient uncached = Clients.Chat(server).AsIChatClient().AsBuilder().UseLlmPreflight().Build();

        Assert.Equal("hello", (await chat.GetResponseAsync("hi")).Text);
        Assert.Equal("hello", (await chat.GetResponseAsync("hi")).Text);
        Assert.Equal(1, server.Attempts);

        await chat.GetResponseAsync("hi", new ChatOptions { Temperature = 0.9f });
        Assert.Equal(2, server.Attempts);

        await uncached.GetResponseAsync("hi");
        await uncached.GetResponseAsync("hi");
        Assert.Equal(4, server.Attempts);
    }
}
