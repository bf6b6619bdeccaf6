using System.ClientModel;
using System.Diagnostics;
using LlmPreflight.Runtime.Tests.Infrastructure;
using OpenAI.Chat;

namespace LlmPreflight.Runtime.Tests;

/// <summary>The guard around the real OpenAI 2.x ChatClient, against a scripted local server.</summary>
public sealed class OpenAIChatTests
{
    private static Task<ClientResult<ChatCompletion>> Complete(ChatClient client, CancellationToken cancellationToken = default)
        => LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, new ChatCompletionOptions(), ct), cancellationToken);

    [Fact]
    public async Task RateLimitedWithRetryAfterIsRetriedAfterTheRequestedWait()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Status(429, null, ("Retry-After", "1")), Respond.Json(Respond.ChatCompletionJson));

        var result = await Complete(Clients.Chat(server));

        Assert.Equal("hello", result.Value.Content[0].Text);
        Assert.Equal(2, server.Attempts);
        var gap = server.Requests[1].At - server.Requests[0].At;
        Assert.InRange(gap.TotalMilliseconds, 900, 3000);
    }

    [Fact]
    public async Task RetryAfterMillisecondsHeaderIsHonoured()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Status(429, null, ("retry-after-ms", "400")), Respond.Json(Respond.ChatCompletionJson));

        await Complete(Clients.Chat(server));

        Assert.Equal(2, server.Attempts);
        var gap = server.Requests[1].At - server.Requests[0].At;
        Assert.InRange(gap.TotalMilliseconds, 350, 2000);
    }

    [Fact]
    public async Task RateLimitedWithoutRetryAfterBacksOffExponentially()
    {
        FastPolicy.Configure(p => p.BaseDelay = TimeSpan.FromMilliseconds(200));
        await using var server = new ScriptedServer(Respond.Status(429), Respond.Status(429), Respond.Json(Respond.ChatCompletionJson));

        await Complete(Clients.Chat(server));

        Assert.Equal(3, server.Attempts);
        var first = server.Requests[1].At - server.Requests[0].At;
        var second = server.Requests[2].At - server.Requests[1].At;
        Assert.InRange(first.TotalMilliseconds, 180, 1500);
        Assert.InRange(second.TotalMilliseconds, 380, 2500);
    }

    [Fact]
    public async Task RetryAfterBeyondTheCapFailsAtOnceWithTheRequestedWaitAndTheSettingToRaise()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Status(429, null, ("Retry-After", "120")));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<LlmRetryAfterTooLongException>(() => Complete(Clients.Chat(server)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.Equal(1, server.Attempts);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Contains("120 s", error.Message);
        Assert.Contains("MaxRetryAfter", error.Message);
        Assert.IsType<ClientResultException>(error.InnerException);
    }

    [Fact]
    public async Task RetryAfterAsHttpDateIsHonoured()
    {
        FastPolicy.Configure();
        string date = DateTimeOffset.UtcNow.AddSeconds(2).ToString("r");
        await using var server = new ScriptedServer(Respond.Status(503, null, ("Retry-After", date)), Respond.Json(Respond.ChatCompletionJson));

        await Complete(Clients.Chat(server));

        Assert.Equal(2, server.Attempts);
        var gap = server.Requests[1].At - server.Requests[0].At;
        Assert.InRange(gap.TotalMilliseconds, 500, 3500);
    }

    [Fact]
    public async Task ServerErrorsAreRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Status(500), Respond.Status(503), Respond.Json(Respond.ChatCompletionJson));

        var result = await Complete(Clients.Chat(server));

        Assert.Equal("hello", result.Value.Content[0].Text);
        Assert.Equal(3, server.Attempts);
    }

    [Fact]
    public async Task BadRequestIsNotRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Status(400), Respond.Json(Respond.ChatCompletionJson));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Complete(Clients.Chat(server)));

        Assert.Equal(400, error.Status);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task ExhaustedRetriesSurfaceTheLastSdkFailure()
    {
        FastPolicy.Configure(p => p.MaxRetries = 2);
        await using var server = new ScriptedServer(Respond.Status(502));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Complete(Clients.Chat(server)));

        Assert.Equal(502, error.Status);
        Assert.Equal(3, server.Attempts);
    }

    [Fact]
    public async Task ConnectionClosedWithoutResponseIsRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Reset(), Respond.Json(Respond.ChatCompletionJson));

        var result = await Complete(Clients.Chat(server));

        Assert.Equal("hello", result.Value.Content[0].Text);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task SlowAttemptTimesOutAndIsRetried()
    {
        FastPolicy.Configure(p => p.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        await using var server = new ScriptedServer(
            Respond.After(TimeSpan.FromSeconds(5), Respond.Json(Respond.ChatCompletionJson)),
            Respond.Json(Respond.ChatCompletionJson));
        var watch = Stopwatch.StartNew();

        var result = await Complete(Clients.Chat(server));

        Assert.Equal("hello", result.Value.Content[0].Text);
        Assert.Equal(2, server.Attempts);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task EveryAttemptTimingOutEndsWithAnAttemptTimeout()
    {
        FastPolicy.Configure(p =>
        {
            p.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            p.MaxRetries = 1;
        });
        await using var server = new ScriptedServer(Respond.After(TimeSpan.FromSeconds(5), Respond.Json(Respond.ChatCompletionJson)));

        var error = await Assert.ThrowsAsync<LlmTimeoutException>(() => Complete(Clients.Chat(server)));

        Assert.Equal(LlmTimeoutKind.Attempt, error.Kind);
        Assert.Equal(2, server.Attempts);
        Assert.Contains("AttemptTimeout", error.Message);
    }

    [Fact]
    public async Task TotalTimeoutBoundsRetriesAndWaits()
    {
        FastPolicy.Configure(p =>
        {
            // The first attempt times out at 600 ms, the second starts about 50 ms later, and the total
            // ends it at 900 ms: the margins leave room for a loaded machine.
            p.TotalTimeout = TimeSpan.FromMilliseconds(900);
            p.AttemptTimeout = TimeSpan.FromMilliseconds(600);
        });
        await using var server = new ScriptedServer(Respond.After(TimeSpan.FromSeconds(5), Respond.Json(Respond.ChatCompletionJson)));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<LlmTimeoutException>(() => Complete(Clients.Chat(server)));

        Assert.Equal(LlmTimeoutKind.Total, error.Kind);
        Assert.IsAssignableFrom<TimeoutException>(error);
        Assert.Equal(2, server.Attempts);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task CallerCancellationIsNotRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.After(TimeSpan.FromSeconds(10), Respond.Json(Respond.ChatCompletionJson)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Complete(Clients.Chat(server), cts.Token));
        await Task.Delay(300);

        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task FallbackValueIsReturnedWhenEveryAttemptFails()
    {
        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.DefaultPolicy.MaxRetries = 2;
            o.DefaultPolicy.AddFallback<string>(error => "fallback after " + error.GetType().Name);
        });
        await using var server = new ScriptedServer(Respond.Status(503));
        var client = Clients.Chat(server);

        string text = await LlmGuard.RunAsync(async ct => (await client.CompleteChatAsync(Clients.Messages, null, ct)).Value.Content[0].Text);

        Assert.Equal("fallback after ClientResultException", text);
        Assert.Equal(3, server.Attempts);
    }

    [Fact]
    public async Task FallbackDoesNotHideABadRequest()
    {
        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.DefaultPolicy.AddFallback<string>(_ => "fallback");
        });
        await using var server = new ScriptedServer(Respond.Status(400));
        var client = Clients.Chat(server);

        await Assert.ThrowsAsync<ClientResultException>(() =>
            LlmGuard.RunAsync(async ct => (await client.CompleteChatAsync(Clients.Messages, null, ct)).Value.Content[0].Text));
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task SdkDefaultRetriesMultiplyTheGuardsAttempts()
    {
        // OpenAI's default ClientRetryPolicy retries 3 times itself (with no back-off), so each guard
        // attempt becomes 4 requests: this is why the docs say to switch the SDK's retries off.
        FastPolicy.Configure(p => p.MaxRetries = 1);
        await using var server = new ScriptedServer(Respond.Status(503));

        await Assert.ThrowsAsync<ClientResultException>(() => Complete(Clients.Chat(server, sdkRetries: true)));

        Assert.Equal(8, server.Attempts);
    }

    [Fact]
    public async Task SynchronousCallIsRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Status(500), Respond.Json(Respond.ChatCompletionJson));
        var client = Clients.Chat(server);

        // The blocking SDK method runs on a pool thread, as it would in the sync code it is meant for.
        var result = await Task.Run(() => LlmGuard.Run(ct => client.CompleteChat(Clients.Messages, null, ct)));

        Assert.Equal("hello", result.Value.Content[0].Text);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task NamedPolicyIsUsed()
    {
        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.AddPolicy("no-retry", p => p.MaxRetries = 0);
        });
        await using var server = new ScriptedServer(Respond.Status(503));
        var client = Clients.Chat(server);

        await Assert.ThrowsAsync<ClientResultException>(() =>
            LlmGuard.RunAsync("no-retry", ct => client.CompleteChatAsync(Clients.Messages, null, ct)));

        Assert.Equal(1, server.Attempts);
    }
}
