using System.ClientModel;
using System.Diagnostics;
using System.Text;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Chat;
using Polly.CircuitBreaker;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

/// <summary>The per-policy circuit breaker around the real OpenAI ChatClient, against a scripted local server.</summary>
public sealed class CircuitBreakerTests
{
    /// <summary>No retries, so each call is one attempt and the counts below are exact; the breaker needs 4 attempts, half failing.</summary>
    private static void Breaker(LlmPolicyOptions p)
    {
        NoRetry(p);
        p.CircuitBreakerFailureRatio = 0.5;
        p.CircuitBreakerMinimumThroughput = 4;
    }

    /// <summary>Short timeouts and no retry (without FastPolicy's back-off settings, which retry off would contradict).</summary>
    private static void NoRetry(LlmPolicyOptions p)
    {
        p.MaxRetries = 0;
        p.AttemptTimeout = TimeSpan.FromSeconds(5);
        p.TotalTimeout = TimeSpan.FromSeconds(20);
    }

    private static void ConfigureOnClock(FakeTimeProvider clock, Action<LlmPolicyOptions>? adjust = null)
        => LlmGuard.Configure(o =>
        {
            o.TimeProvider = clock;
            Breaker(o.DefaultPolicy);
            adjust?.Invoke(o.DefaultPolicy);
        });

    private static async Task<string> Ask(ChatClient client, CancellationToken cancellationToken = default)
        => await LlmGuard.RunAsync(async ct => (await client.CompleteChatAsync(Clients.Messages, null, ct)).Value.Content[0].Text, cancellationToken);

    [Fact]
    public async Task EnoughServerErrorsOpenTheCircuitAndTheNextCallFailsFastWithoutReachingTheServer()
    {
        var clock = new FakeTimeProvider();
        ConfigureOnClock(clock);
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Status(503));
        ChatClient client = Clients.Chat(server);

        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(503, (await Assert.ThrowsAsync<ClientResultException>(() => Ask(client))).Status);
        }

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<LlmCircuitOpenException>(() => Ask(client));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal(4, server.Attempts);
        Assert.Equal(LlmGuard.DefaultPolicyName, error.PolicyName);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Contains("'default'", error.Message);
        Assert.Contains("30 s", error.Message);
        Assert.Contains(nameof(LlmPolicyOptions.CircuitBreakerFailureRatio), error.Message);
        Assert.Contains(nameof(LlmPolicyOptions.AddFallback), error.Message);
        // The failure that opened the circuit stays reachable for diagnosis.
        var broken = Assert.IsType<BrokenCircuitException>(error.InnerException);
        Assert.Equal(503, Assert.IsType<ClientResultException>(broken.InnerException).Status);

        Measurement opened = Assert.Single(telemetry.Of(LlmTelemetry.CircuitOpened));
        Assert.Equal(1, opened.Value);
        Assert.Equal(LlmGuard.DefaultPolicyName, opened.Tag("llmpreflight.policy"));
    }

    [Fact]
    public async Task AfterTheBreakDurationATrialCallGoesThroughAndItsSuccessClosesTheCircuit()
    {
        var clock = new FakeTimeProvider();
        ConfigureOnClock(clock);
        await using var server = new ScriptedServer(Status(503), Status(503), Status(503), Status(503), Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);
        for (int i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<ClientResultException>(() => Ask(client));
        }

        clock.Advance(TimeSpan.FromSeconds(29));
        var stillOpen = await Assert.ThrowsAsync<LlmCircuitOpenException>(() => Ask(client));
        Assert.Equal(TimeSpan.FromSeconds(1), stillOpen.RetryAfter);
        Assert.Equal(4, server.Attempts);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("hello", await Ask(client));
        Assert.Equal(5, server.Attempts);

        // Closed: the following calls reach the server again.
        Assert.Equal("hello", await Ask(client));
        Assert.Equal("hello", await Ask(client));
        Assert.Equal(7, server.Attempts);
    }

    [Fact]
    public async Task AFailedTrialCallOpensTheCircuitAgainForAnotherBreak()
    {
        var clock = new FakeTimeProvider();
        using var telemetry = new TelemetryCapture();
        ConfigureOnClock(clock);
        await using var server = new ScriptedServer(Status(503));
        ChatClient client = Clients.Chat(server);
        for (int i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<ClientResultException>(() => Ask(client));
        }

        clock.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<ClientResultException>(() => Ask(client));
        var error = await Assert.ThrowsAsync<LlmCircuitOpenException>(() => Ask(client));

        Assert.Equal(5, server.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(2, telemetry.Of(LlmTelemetry.CircuitOpened).Count);
    }

    [Fact]
    public async Task EachRetriedAttemptCountsAndAnOpenCircuitEndsTheCallInsteadOfBeingRetried()
    {
        // Real clock, short back-off: the circuit opens on the second attempt of the first call.
        FastPolicy.Configure(p =>
        {
            p.MaxRetries = 3;
            p.CircuitBreakerFailureRatio = 1;
            p.CircuitBreakerMinimumThroughput = 2;
        });
        await using var server = new ScriptedServer(Status(503));

        var error = await Assert.ThrowsAsync<LlmCircuitOpenException>(() => Ask(Clients.Chat(server)));

        Assert.Equal(2, server.Attempts); // not 4: the two retries left were not spent on a provider known to be down
        Assert.NotNull(error.RetryAfter);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TheFallbackAnswersWhileTheCircuitIsOpen()
    {
        var clock = new FakeTimeProvider();
        var seen = new List<Exception>();
        ConfigureOnClock(clock, p => p.AddFallback<string>(error =>
        {
            seen.Add(error);
            return "fallback";
        }));
        await using var server = new ScriptedServer(Status(503));
        ChatClient client = Clients.Chat(server);

        for (int i = 0; i < 6; i++)
        {
            Assert.Equal("fallback", await Ask(client));
        }

        Assert.Equal(4, server.Attempts);
        Assert.All(seen.Take(4), e => Assert.IsType<ClientResultException>(e));
        Assert.All(seen.Skip(4), e => Assert.Equal(LlmGuard.DefaultPolicyName, Assert.IsType<LlmCircuitOpenException>(e).PolicyName));
    }

    [Fact]
    public async Task BadRequestsDoNotOpenTheCircuit()
    {
        var clock = new FakeTimeProvider();
        using var telemetry = new TelemetryCapture();
        ConfigureOnClock(clock);
        await using var server = new ScriptedServer(Status(400), Status(400), Status(400), Status(400), Status(400), Status(400), Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);

        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(400, (await Assert.ThrowsAsync<ClientResultException>(() => Ask(client))).Status);
        }

        Assert.Equal("hello", await Ask(client));
        Assert.Equal(7, server.Attempts);
        Assert.Empty(telemetry.Of(LlmTelemetry.CircuitOpened));
    }

    [Fact]
    public async Task CallerCancellationDoesNotCount()
    {
        var clock = new FakeTimeProvider();
        ConfigureOnClock(clock);
        await using var slow = new ScriptedServer(After(TimeSpan.FromSeconds(10), Json(ChatCompletionJson)));
        await using var healthy = new ScriptedServer(Json(ChatCompletionJson));

        for (int i = 0; i < 5; i++)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Ask(Clients.Chat(slow), cancel.Token));
        }

        // Five cancelled calls would open the policy's circuit if they counted; instead the next call goes through.
        Assert.Equal("hello", await Ask(Clients.Chat(healthy)));
        Assert.Equal(1, healthy.Attempts);
    }

    [Fact]
    public async Task AttemptTimeoutsCount()
    {
        LlmGuard.Configure(o =>
        {
            LlmPolicyOptions p = o.DefaultPolicy;
            NoRetry(p);
            p.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            p.CircuitBreakerFailureRatio = 1;
            p.CircuitBreakerMinimumThroughput = 2;
        });
        await using var server = new ScriptedServer(After(TimeSpan.FromSeconds(10), Json(ChatCompletionJson)));
        ChatClient client = Clients.Chat(server);

        Assert.Equal(LlmTimeoutKind.Attempt, (await Assert.ThrowsAsync<LlmTimeoutException>(() => Ask(client))).Kind);
        Assert.Equal(LlmTimeoutKind.Attempt, (await Assert.ThrowsAsync<LlmTimeoutException>(() => Ask(client))).Kind);
        await Task.Delay(200);
        int before = server.Attempts;
        await Assert.ThrowsAsync<LlmCircuitOpenException>(() => Ask(client));
        await Task.Delay(200);

        Assert.Equal(before, server.Attempts);
    }

    [Fact]
    public async Task WithoutTheBreakerEveryCallReachesTheServer()
    {
        var clock = new FakeTimeProvider();
        ConfigureOnClock(clock, p => p.CircuitBreakerFailureRatio = null);
        await using var server = new ScriptedServer(Status(503));
        ChatClient client = Clients.Chat(server);

        for (int i = 0; i < 12; i++)
        {
            await Assert.ThrowsAsync<ClientResultException>(() => Ask(client));
        }

        Assert.Equal(12, server.Attempts);
    }

    [Fact]
    public async Task TheTieredChainMovesToTheNextTierWhileTheFirstTiersCircuitIsOpen()
    {
        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.AddPolicy("cheap", p =>
            {
                NoRetry(p);
                p.CircuitBreakerFailureRatio = 1;
                p.CircuitBreakerMinimumThroughput = 2;
            });
        });
        await using var cheap = new ScriptedServer(Status(503));
        await using var large = new ScriptedServer(Json(ChatCompletionJson));
        IChatClient mini = Clients.Chat(cheap).AsIChatClient();
        IChatClient big = Clients.Chat(large).AsIChatClient();
        var chain = new LlmFallbackChain<ChatResponse>()
            .AddTier("mini", ct => mini.GetResponseAsync("hi", cancellationToken: ct), policyName: "cheap")
            .AddTier("large", ct => big.GetResponseAsync("hi", cancellationToken: ct));

        var results = new List<LlmTieredResult<ChatResponse>>();
        for (int i = 0; i < 3; i++)
        {
            results.Add(await chain.RunAsync());
        }

        Assert.All(results, r => Assert.Equal("large", r.TierName));
        Assert.Equal(2, cheap.Attempts);
        Assert.Equal(3, large.Attempts);
        LlmTierFailure skipped = Assert.Single(results[2].Failures);
        Assert.True(skipped.IsOutage);
        Assert.Equal("cheap", Assert.IsType<LlmCircuitOpenException>(skipped.Exception).PolicyName);
    }

    [Fact]
    public async Task ConfigurationKeysTurnTheBreakerOn()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""
            {
              "LlmPreflight": {
                "Default": { "MaxRetries": 0, "CircuitBreakerFailureRatio": "0.5", "CircuitBreakerMinimumThroughput": 2,
                             "CircuitBreakerSamplingDuration": "00:00:10", "CircuitBreakerBreakDuration": "00:01:00" },
                "Policies": { "plain": { "CircuitBreakerFailureRatio": "off" } }
              }
            }
            """))).Build();
        var options = new LlmGuardOptions();
        LlmPreflight.Internal.ConfigurationReader.Apply(configuration.GetSection("LlmPreflight"), options, new Dictionary<string, string>());

        Assert.Equal(0.5, options.DefaultPolicy.CircuitBreakerFailureRatio);
        Assert.Equal(2, options.DefaultPolicy.CircuitBreakerMinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(10), options.DefaultPolicy.CircuitBreakerSamplingDuration);
        Assert.Equal(TimeSpan.FromMinutes(1), options.DefaultPolicy.CircuitBreakerBreakDuration);
        Assert.Null(options.Policies["plain"].CircuitBreakerFailureRatio);
        Assert.Equal(10, options.Policies["plain"].CircuitBreakerMinimumThroughput);

        new ServiceCollection().AddLlmPreflight(configuration);
        await using var server = new ScriptedServer(Status(503));
        ChatClient client = Clients.Chat(server);
        await Assert.ThrowsAsync<ClientResultException>(() => Ask(client));
        await Assert.ThrowsAsync<ClientResultException>(() => Ask(client));
        var error = await Assert.ThrowsAsync<LlmCircuitOpenException>(() => Ask(client));

        Assert.Equal(2, server.Attempts);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void InvalidSettingsAreNamedWithTheirFix()
    {
        var error = Assert.Throws<LlmGuardConfigurationException>(() => LlmGuard.Configure(o =>
        {
            o.DefaultPolicy.CircuitBreakerFailureRatio = 1.5;
            o.DefaultPolicy.CircuitBreakerMinimumThroughput = 1;
            o.DefaultPolicy.CircuitBreakerSamplingDuration = TimeSpan.FromMilliseconds(100);
            o.DefaultPolicy.CircuitBreakerBreakDuration = TimeSpan.FromDays(2);
            o.AddPolicy("zero", p => p.CircuitBreakerFailureRatio = 0);
            o.AddPolicy("nan", p => p.CircuitBreakerFailureRatio = double.NaN);
        }));

        Assert.Equal(6, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("policy 'default': CircuitBreakerFailureRatio is 1.5") && p.Contains("at most 1") && p.Contains("null to turn the circuit breaker off"));
        Assert.Contains(error.Problems, p => p.StartsWith("policy 'default': CircuitBreakerMinimumThroughput is 1") && p.Contains("2 or more"));
        Assert.Contains(error.Problems, p => p.StartsWith("policy 'default': CircuitBreakerSamplingDuration") && p.Contains("between 500 ms and 1 day"));
        Assert.Contains(error.Problems, p => p.StartsWith("policy 'default': CircuitBreakerBreakDuration") && p.Contains("between 500 ms and 1 day"));
        Assert.Contains(error.Problems, p => p.StartsWith("policy 'zero': CircuitBreakerFailureRatio is 0") && p.Contains("above 0"));
        Assert.Contains(error.Problems, p => p.StartsWith("policy 'nan': CircuitBreakerFailureRatio is NaN"));
    }

    [Fact]
    public void BadConfigurationValuesNameTheKey()
    {
        IConfiguration Memory(params (string Key, string Value)[] values)
            => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

        var unparsable = Assert.Throws<LlmGuardConfigurationException>(() => new ServiceCollection().AddLlmPreflight(
            Memory(("LlmPreflight:Default:CircuitBreakerFailureRatio", "half")).GetSection("LlmPreflight")));
        string problem = Assert.Single(unparsable.Problems);
        Assert.Contains("'LlmPreflight:Default:CircuitBreakerFailureRatio'", problem);
        Assert.Contains("\"half\"", problem);
        Assert.Contains("between 0 and 1", problem);

        var outOfRange = Assert.Throws<LlmGuardConfigurationException>(() => new ServiceCollection().AddLlmPreflight(
            Memory(("LlmPreflight:Policies:cheap:CircuitBreakerBreakDuration", "00:00:00.100")).GetSection("LlmPreflight")));
        Assert.StartsWith("configuration key 'LlmPreflight:Policies:cheap:CircuitBreakerBreakDuration': policy 'cheap': CircuitBreakerBreakDuration", Assert.Single(outOfRange.Problems));
    }
}
