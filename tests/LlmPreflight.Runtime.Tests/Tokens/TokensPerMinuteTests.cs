using System.ClientModel;
using System.Text;
using LlmPreflight.Internal.Tokens;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;
using static LlmPreflight.Runtime.Tests.Infrastructure.UsageResponses;

namespace LlmPreflight.Runtime.Tests.Tokens;

/// <summary>
/// Tokens per minute end to end: the real OpenAI ChatClient against the scripted server, which reports each call's
/// usage. The clock is fake, so the allowance never refills by itself: whatever frees tokens is the reconciliation.
/// </summary>
public sealed class TokensPerMinuteTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private void Configure(int tokensPerMinute, int queueLimit = 10, Action<LlmPolicyOptions>? adjust = null)
        => LlmGuard.Configure(o =>
        {
            o.TimeProvider = _clock;
            FastPolicy.Apply(o.DefaultPolicy);

            // Fake time never fires timeouts; these tests are about the limiter.
            o.DefaultPolicy.AttemptTimeout = null;
            o.DefaultPolicy.TotalTimeout = null;
            o.DefaultPolicy.StreamIdleTimeout = null;
            o.DefaultPolicy.TokensPerMinute = tokensPerMinute;
            o.DefaultPolicy.TokensPerMinuteQueueLimit = queueLimit;
            adjust?.Invoke(o.DefaultPolicy);
        });

    private static TokensPerMinuteLimiter Limiter => LlmGuard.TokensPerMinuteLimiterOf(LlmGuard.DefaultPolicyName)!;

    private static LlmCallContext Estimate(long input, long output) => new() { Model = "gpt-4o-mini", EstimatedInputTokens = input, MaxOutputTokens = output };

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the condition");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task ConcurrentCallsRunAsFarAsTheEstimatesAllowAndReconciledUsageLetsTheRestThrough()
    {
        Configure(tokensPerMinute: 1_000);

        // Each call reserves 300 + 100 = 400 tokens but really uses 100 + 50 = 150.
        // The server holds each answer for a second, so the test sees the first two in flight and the others queued.
        await using var server = new ScriptedServer(After(TimeSpan.FromSeconds(1), Json(ChatCompletion("gpt-4o-mini", 100, 50))));
        var client = Clients.Chat(server);
        Task<ClientResult<ChatCompletion>>[] calls;
        using (LlmGuard.BeginScope(Estimate(300, 100)))
        {
            calls = Enumerable.Range(0, 4).Select(_ => LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct))).ToArray();
        }

        // Two fit at once (800 of 1,000); the other two wait for tokens, not for a request permit.
        await WaitUntil(() => server.Attempts == 2 && Limiter.Queued == 2);
        Assert.Equal(200, Limiter.Available, 6);

        // When the first two are billed, each gives back 250: 700 free, so both waiting calls start. No time has passed.
        await Task.WhenAll(calls);
        Assert.Equal(4, server.Attempts);

        // 1,000 - 4 x 150 used: the window holds the real usage, not the estimates.
        Assert.Equal(400, Limiter.Available, 6);
        Assert.Equal(4, Assert.Single(LlmGuard.Costs.Snapshot()).Calls);
    }

    [Fact]
    public async Task UsageAboveTheEstimateMakesTheNextCallWaitForTheRefill()
    {
        Configure(tokensPerMinute: 1_000);
        await using var server = new ScriptedServer(Json(ChatCompletion("gpt-4o-mini", 1_200, 300)));
        var client = Clients.Chat(server);

        using (LlmGuard.BeginScope(Estimate(100, 100)))
        {
            await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));

            // Estimated 200, used 1,500: the allowance is 500 in debt; the next call (200) needs 700 tokens of refill, 42 s.
            Assert.Equal(-500, Limiter.Available, 6);
            Task next = LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));
            await WaitUntil(() => Limiter.Queued == 1);
            _clock.Advance(TimeSpan.FromSeconds(41));
            await Task.Delay(100);
            Assert.Equal(1, server.Attempts);

            _clock.Advance(TimeSpan.FromSeconds(1));
            await next.WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task ACallLargerThanTheWholeAllowanceFailsAtOnceWithoutARequest()
    {
        Configure(tokensPerMinute: 1_000);
        await using var server = new ScriptedServer(Json(ChatCompletion("gpt-4o-mini", 10, 1)));
        var client = Clients.Chat(server);

        LlmRateLimitRejectedException error;
        using (LlmGuard.BeginScope(Estimate(900, 500)))
        {
            error = await Assert.ThrowsAsync<LlmRateLimitRejectedException>(() => LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct)));
        }

        Assert.Equal(LlmRateLimitKind.Tokens, error.Limit);
        Assert.Equal(1_400, error.RequestedTokens);
        Assert.Contains("could never run", error.Message);
        Assert.Equal(0, server.Attempts);
        Assert.Equal(1_000, Limiter.Available, 6);
    }

    [Fact]
    public async Task AFullTokenQueueRejectsAndTheFallbackAnswersInstead()
    {
        Configure(tokensPerMinute: 1_000, queueLimit: 0, p => p.AddFallback<string>(e => e is LlmRateLimitRejectedException r ? "busy: " + r.Limit : "other"));
        await using var server = new ScriptedServer(After(TimeSpan.FromMilliseconds(300), Json(ChatCompletion("gpt-4o-mini", 600, 100))));
        var client = Clients.Chat(server);

        string[] answers;
        using (LlmGuard.BeginScope(Estimate(600, 100)))
        {
            answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => LlmGuard.RunAsync(async ct => (await client.CompleteChatAsync(Clients.Messages, null, ct)).Value.Content[0].Text)));
        }

        Assert.Contains("priced", answers);
        Assert.Contains("busy: Tokens", answers);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task AFailedAttemptGivesItsTokensBackAndTheRetryReservesAgain()
    {
        Configure(tokensPerMinute: 1_000);
        await using var server = new ScriptedServer(Status(503), Json(ChatCompletion("gpt-4o-mini", 100, 50)));
        var client = Clients.Chat(server);
        var retried = Task.CompletedTask;

        using (LlmGuard.BeginScope(Estimate(300, 100)))
        {
            // The 503 gives its 400 back; the retry waits for the back-off, which runs on the fake clock.
            retried = LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));
            await WaitUntil(() => server.Attempts == 1 && Limiter.Available == 1_000);

            // The back-off timer is set a moment after the give-back: keep moving the clock until the retry is sent.
            await WaitUntil(() =>
            {
                _clock.Advance(TimeSpan.FromMilliseconds(100));
                return server.Attempts == 2;
            });
            await retried.WaitAsync(TimeSpan.FromSeconds(10));
        }

        // 1,000 - 150 used by the retry; at most one 100 ms clock step (1.7 tokens of refill) can fall after its reservation.
        Assert.Equal(2, server.Attempts);
        Assert.InRange(Limiter.Available, 850, 852);
    }

    [Fact]
    public async Task StreamsAreReconciledWhenTheStreamEnds()
    {
        Configure(tokensPerMinute: 1_000);
        await using var server = new ScriptedServer(ChatStreamWithUsage("gpt-4o-mini", 100, 20, "Hel", "lo"));
        var client = Clients.Chat(server);

        var text = new StringBuilder();
        using (LlmGuard.BeginScope(Estimate(300, 200)))
        {
            await foreach (StreamingChatCompletionUpdate update in LlmGuard.StreamAsync(ct => client.CompleteChatStreamingAsync(Clients.Messages, null, ct)))
            {
                if (text.Length == 0 && update.ContentUpdate.Count > 0)
                {
                    // Mid-stream the estimate is still reserved.
                    Assert.Equal(500, Limiter.Available, 6);
                }

                foreach (var part in update.ContentUpdate)
                {
                    text.Append(part.Text);
                }
            }
        }

        Assert.Equal("Hello", text.ToString());
        Assert.Equal(880, Limiter.Available, 6);
    }

    [Fact]
    public void WithoutTokensPerMinuteThereIsNoLimiter()
    {
        FastPolicy.Configure();
        Assert.Null(LlmGuard.TokensPerMinuteLimiterOf(LlmGuard.DefaultPolicyName));
    }

    [Fact]
    public void BadSettingsNameTheSettingAndTheFix()
    {
        var error = Assert.Throws<LlmGuardConfigurationException>(() => LlmGuard.Configure(o =>
        {
            o.DefaultPolicy.TokensPerMinute = 0;
            o.DefaultPolicy.TokensPerMinuteQueueLimit = -1;
        }));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("policy 'default': TokensPerMinute is 0.", StringComparison.Ordinal) && p.Contains("or to null to turn"));
        Assert.Contains(error.Problems, p => p.Contains("TokensPerMinuteQueueLimit is -1"));
    }

    [Fact]
    public void AppsettingsKeysSetTokensPerMinute()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(
            "{ \"LlmPreflight\": { \"Policies\": { \"bulk\": { \"TokensPerMinute\": 200000, \"TokensPerMinuteQueueLimit\": 5 } } } }"))).Build();

        new ServiceCollection().AddLlmPreflight(configuration);

        TokensPerMinuteLimiter bulk = LlmGuard.TokensPerMinuteLimiterOf("bulk")!;
        Assert.Equal(200_000, bulk.TokensPerMinute);
        Assert.Null(LlmGuard.TokensPerMinuteLimiterOf(LlmGuard.DefaultPolicyName));

        IConfiguration bad = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(
            "{ \"Default\": { \"TokensPerMinute\": \"lots\" } }"))).Build();
        var error = Assert.Throws<LlmGuardConfigurationException>(() => new ServiceCollection().AddLlmPreflight(bad));
        Assert.Contains("'Default:TokensPerMinute' has the value \"lots\", which is not a whole number", error.Message);
    }
}
