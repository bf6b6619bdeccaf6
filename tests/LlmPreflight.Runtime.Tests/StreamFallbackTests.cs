using System.ClientModel;
using System.Diagnostics;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;
using static LlmPreflight.Runtime.Tests.Infrastructure.UsageResponses;

namespace LlmPreflight.Runtime.Tests;

/// <summary><see cref="LlmPolicyOptions.AddStreamFallback{T}(Func{Exception, IAsyncEnumerable{T}})"/> over real SSE streams.</summary>
public sealed class StreamFallbackTests
{
    /// <summary>A canned update that carries usage, so a test can show the fallback's items are not billed.</summary>
    private static StreamingChatCompletionUpdate Canned(string text)
        => OpenAIChatModelFactory.StreamingChatCompletionUpdate(
            completionId: "fallback",
            contentUpdate: new ChatMessageContent(text),
            model: "gpt-4o-mini",
            usage: OpenAIChatModelFactory.ChatTokenUsage(outputTokenCount: 1000, inputTokenCount: 1000, totalTokenCount: 2000));

    private static async IAsyncEnumerable<StreamingChatCompletionUpdate> CannedStream(params string[] pieces)
    {
        foreach (string piece in pieces)
        {
            await Task.Yield();
            yield return Canned(piece);
        }
    }

    private static async Task<List<string>> ReadAllAsync(ChatClient client, string? policy = null, List<string>? received = null, CancellationToken cancellationToken = default)
    {
        received ??= [];
        var stream = policy is null
            ? LlmGuard.StreamAsync(ct => client.CompleteChatStreamingAsync(Clients.Messages, null, ct), cancellationToken)
            : LlmGuard.StreamAsync(policy, ct => client.CompleteChatStreamingAsync(Clients.Messages, null, ct), cancellationToken);
        await foreach (var update in stream)
        {
            received.AddRange(update.ContentUpdate.Select(part => part.Text));
        }

        return received;
    }

    private static async Task<List<string>> ReadAllAsync(IAsyncEnumerable<ChatResponseUpdate> updates, List<string>? received = null)
    {
        received ??= [];
        await foreach (var update in updates)
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                received.Add(update.Text);
            }
        }

        return received;
    }

    private static Activity CallActivity(TelemetryCapture telemetry, string policy)
        => Assert.Single(telemetry.Activities, a => a.Kind == ActivityKind.Internal && (string?)a.GetTagItem("llmpreflight.policy") == policy);

    [Fact]
    public async Task AnOpenCircuitIsAnOutageTheStreamFallbackAnswersWithoutReachingTheServer()
    {
        var failures = new List<Exception>();
        FastPolicy.Configure(p =>
        {
            p.CircuitBreakerFailureRatio = 0.5;
            p.CircuitBreakerMinimumThroughput = 2;
            p.AddStreamFallback<StreamingChatCompletionUpdate>(e =>
            {
                failures.Add(e);
                return CannedStream("busy");
            });
        });
        await using var server = new ScriptedServer(Status(503));

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(["busy"], await ReadAllAsync(Clients.Chat(server)));
        }

        // The first stream's two 503s opened the circuit and its next attempt met it; the other two streams were
        // answered by the fallback without a request.
        Assert.Equal(2, server.Attempts);
        Assert.All(failures, failure => Assert.IsType<LlmCircuitOpenException>(failure));
        Assert.Equal(3, failures.Count);
    }

    [Fact]
    public async Task OpenAIStreamThatStaysUnavailableYieldsTheFallbackStream()
    {
        var failures = new List<Exception>();
        FastPolicy.Configure(p => p.AddStreamFallback<StreamingChatCompletionUpdate>(e =>
        {
            failures.Add(e);
            return CannedStream("The assistant is busy", "; try again.");
        }));
        await using var server = new ScriptedServer(Status(503));
        using var telemetry = new TelemetryCapture();

        var text = await ReadAllAsync(Clients.Chat(server));

        Assert.Equal(["The assistant is busy", "; try again."], text);
        Assert.Equal(4, server.Attempts);
        var failure = Assert.IsType<ClientResultException>(Assert.Single(failures));
        Assert.Equal(503, failure.Status);

        // Counted as a fallback, not as an error; the canned items' usage is not the model's and is not billed.
        var fallback = Assert.Single(telemetry.Of(LlmTelemetry.Fallbacks));
        Assert.Equal(("default", "chat"), (fallback.Tag("llmpreflight.policy"), fallback.Tag("gen_ai.operation.name")));
        var duration = Assert.Single(telemetry.Of(LlmTelemetry.OperationDuration));
        Assert.Null(duration.Tag("error.type"));
        Activity call = CallActivity(telemetry, "default");
        Assert.Equal(true, call.GetTagItem("llmpreflight.fallback"));
        Assert.Equal(4, call.GetTagItem("llmpreflight.attempts"));
        Assert.Equal(ActivityStatusCode.Unset, call.Status);
        Assert.Equal(4, telemetry.Activities.Count(a => a.Kind == ActivityKind.Client && a.Status == ActivityStatusCode.Error));
        Assert.Empty(LlmGuard.Costs.Snapshot());
        Assert.Empty(telemetry.Of(LlmTelemetry.TokenUsage));
    }

    [Fact]
    public async Task MicrosoftExtensionsAIStreamThatStallsBeforeItsFirstItemYieldsTheFallbackItem()
    {
        Exception? seen = null;
        FastPolicy.Configure(p =>
        {
            p.MaxRetries = 1;
            p.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            p.AddStreamFallback<ChatResponseUpdate>(e =>
            {
                seen = e;
                return new ChatResponseUpdate(ChatRole.Assistant, [new TextContent("busy"), new UsageContent(new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 1000 })]);
            });
        });
        await using var server = new ScriptedServer(After(TimeSpan.FromSeconds(5), ChatStream(["late"])));
        IChatClient chat = Clients.Chat(server).AsIChatClient();
        using var telemetry = new TelemetryCapture();

        var text = await ReadAllAsync(LlmGuard.StreamAsync(ct => chat.GetStreamingResponseAsync("hi", cancellationToken: ct)));

        Assert.Equal(["busy"], text);
        Assert.Equal(2, server.Attempts);
        Assert.Equal(LlmTimeoutKind.Attempt, Assert.IsType<LlmTimeoutException>(seen).Kind);
        Assert.Single(telemetry.Of(LlmTelemetry.Fallbacks));
        Assert.Equal(true, CallActivity(telemetry, "default").GetTagItem("llmpreflight.fallback"));
        Assert.Empty(LlmGuard.Costs.Snapshot());
    }

    [Fact]
    public async Task StreamThatHitsTheTotalTimeoutBeforeItsFirstItemYieldsTheFallback()
    {
        Exception? seen = null;
        FastPolicy.Configure(p =>
        {
            p.AttemptTimeout = null;
            p.TotalTimeout = TimeSpan.FromMilliseconds(500);
            p.AddStreamFallback<StreamingChatCompletionUpdate>(e =>
            {
                seen = e;
                return Canned("busy");
            });
        });
        await using var server = new ScriptedServer(After(TimeSpan.FromSeconds(5), ChatStream(["late"])));

        var text = await ReadAllAsync(Clients.Chat(server));

        Assert.Equal(["busy"], text);
        Assert.Equal(LlmTimeoutKind.Total, Assert.IsType<LlmTimeoutException>(seen).Kind);
    }

    [Fact]
    public async Task RetryAfterBeyondTheCapAndRateLimitRejectionYieldTheFallback()
    {
        var seen = new List<Exception>();
        FastPolicy.Configure(p =>
        {
            p.RateLimitPermits = 2;
            p.RateLimitQueueLimit = 0;
            p.AddStreamFallback<StreamingChatCompletionUpdate>(e =>
            {
                seen.Add(e);
                return Canned("busy");
            });
        });
        await using var server = new ScriptedServer(Status(429, null, ("retry-after", "3600")), ChatStream(["Hel", "lo"]));
        var client = Clients.Chat(server);
        using var telemetry = new TelemetryCapture();

        Assert.Equal(["busy"], await ReadAllAsync(client));
        Assert.Equal(["Hel", "lo"], await ReadAllAsync(client));
        Assert.Equal(["busy"], await ReadAllAsync(client));

        Assert.Equal(2, server.Attempts);
        Assert.Collection(
            seen,
            e => Assert.Equal(TimeSpan.FromHours(1), Assert.IsType<LlmRetryAfterTooLongException>(e).RetryAfter),
            e => Assert.IsType<LlmRateLimitRejectedException>(e));
        Assert.Equal(2, telemetry.Of(LlmTelemetry.Fallbacks).Count);

        // As for RunAsync: a rejection answered by the fallback counts as a fallback only.
        Assert.Empty(telemetry.Of(LlmTelemetry.RateLimitRejections));
    }

    [Fact]
    public async Task FailureAfterTheFirstItemEndsTheStreamAndIsNeverReplaced()
    {
        int fallbacks = 0;
        FastPolicy.Configure(p => p.AddStreamFallback<StreamingChatCompletionUpdate>(_ =>
        {
            fallbacks++;
            return Canned("busy");
        }));
        await using var server = new ScriptedServer(ChatStream(["Hel"], StreamEnd.Reset), ChatStream(["again"]));
        var received = new List<string>();
        using var telemetry = new TelemetryCapture();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ReadAllAsync(Clients.Chat(server), received: received));

        Assert.IsNotType<LlmTimeoutException>(error);
        Assert.Equal(["Hel"], received);
        Assert.Equal(1, server.Attempts);
        Assert.Equal(0, fallbacks);
        Assert.Empty(telemetry.Of(LlmTelemetry.Fallbacks));
        Assert.NotNull(CallActivity(telemetry, "default").GetTagItem("error.type"));

        // The attempt produced output the provider bills: it is recorded, as without a fallback.
        Assert.Equal(1, Assert.Single(LlmGuard.Costs.Snapshot()).Calls);
    }

    [Fact]
    public async Task IdleTimeoutAfterTheFirstItemIsNotReplaced()
    {
        int fallbacks = 0;
        FastPolicy.Configure(p =>
        {
            p.StreamIdleTimeout = TimeSpan.FromMilliseconds(400);
            p.AddStreamFallback<ChatResponseUpdate>(_ =>
            {
                fallbacks++;
                return new ChatResponseUpdate(ChatRole.Assistant, "busy");
            });
        });
        await using var server = new ScriptedServer(ChatStream(["Hel", "lo"], StreamEnd.Stall));
        IChatClient chat = Clients.Chat(server).AsIChatClient();
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<LlmTimeoutException>(
            () => ReadAllAsync(LlmGuard.StreamAsync(ct => chat.GetStreamingResponseAsync("hi", cancellationToken: ct)), received));

        Assert.Equal(LlmTimeoutKind.StreamIdle, error.Kind);
        Assert.Equal(["Hel", "lo"], received);
        Assert.Equal(0, fallbacks);
    }

    [Fact]
    public async Task CallerCancellationBeforeTheFirstItemIsNotReplaced()
    {
        int fallbacks = 0;
        FastPolicy.Configure(p => p.AddStreamFallback<StreamingChatCompletionUpdate>(_ =>
        {
            fallbacks++;
            return Canned("busy");
        }));
        await using var server = new ScriptedServer(After(TimeSpan.FromSeconds(10), ChatStream(["late"])));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        using var telemetry = new TelemetryCapture();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAllAsync(Clients.Chat(server), cancellationToken: cts.Token));

        Assert.Equal(1, server.Attempts);
        Assert.Equal(0, fallbacks);
        Assert.Empty(telemetry.Of(LlmTelemetry.Fallbacks));
    }

    [Fact]
    public async Task WithoutAStreamFallbackForTheItemTypeTheStreamThrowsAsBefore()
    {
        // A RunAsync fallback for the same type, and a stream fallback for another item type, do not apply.
        FastPolicy.Configure(p =>
        {
            p.AddFallback<StreamingChatCompletionUpdate>(_ => Canned("run fallback"));
            p.AddStreamFallback<ChatResponseUpdate>(_ => new ChatResponseUpdate(ChatRole.Assistant, "other type"));
        });
        await using var server = new ScriptedServer(Status(503));
        using var telemetry = new TelemetryCapture();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => ReadAllAsync(Clients.Chat(server)));

        Assert.Equal(503, error.Status);
        Assert.Equal(4, server.Attempts);
        Assert.Empty(telemetry.Of(LlmTelemetry.Fallbacks));
        Assert.Equal("503", CallActivity(telemetry, "default").GetTagItem("error.type"));
    }

    [Fact]
    public async Task NonTransientFailureIsNotReplaced()
    {
        int fallbacks = 0;
        FastPolicy.Configure(p => p.AddStreamFallback<StreamingChatCompletionUpdate>(_ =>
        {
            fallbacks++;
            return Canned("busy");
        }));
        await using var server = new ScriptedServer(Status(400));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => ReadAllAsync(Clients.Chat(server)));

        Assert.Equal(400, error.Status);
        Assert.Equal(1, server.Attempts);
        Assert.Equal(0, fallbacks);
    }

    [Fact]
    public async Task BudgetBlockedStreamYieldsTheFallbackWithoutARequest()
    {
        Exception? seen = null;
        FastPolicy.Configure(p =>
        {
            p.Budget = new LlmBudget(0.001m, TimeSpan.FromDays(1));
            p.AddStreamFallback<StreamingChatCompletionUpdate>(e =>
            {
                seen = e;
                return CannedStream("Today's budget is spent.");
            });
        });
        await using var server = new ScriptedServer(ChatStream(["Hel", "lo"]));
        using var telemetry = new TelemetryCapture();

        List<string> text;

        // 40,000 characters = 10,000 tokens at 0.15 + 1,000 output tokens at 0.60 = 0.0021 USD > 0.001 USD.
        using (LlmGuard.BeginScope(new LlmCallContext { Model = "gpt-4o-mini", InputCharacters = 40_000, MaxOutputTokens = 1_000 }))
        {
            text = await ReadAllAsync(Clients.Chat(server));
        }

        Assert.Equal(["Today's budget is spent."], text);
        Assert.Equal(0, server.Attempts);
        Assert.Equal(0.0021m, Assert.IsType<LlmBudgetExceededException>(seen).Estimate);
        Assert.Single(telemetry.Of(LlmTelemetry.BudgetRejections));
        Assert.Single(telemetry.Of(LlmTelemetry.Fallbacks));
        Assert.Empty(LlmGuard.Costs.Snapshot());
    }

    [Fact]
    public async Task FallbackStreamsFromASecondModelUnderAnotherPolicy()
    {
        await using var primary = new ScriptedServer(Status(503));
        await using var cheap = new ScriptedServer(Status(503), ChatStreamWithUsage("gpt-4o-mini", 40, 7, "cheap", " answer"));
        var cheapClient = Clients.Chat(cheap);
        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.DefaultPolicy.MaxRetries = 1;
            o.DefaultPolicy.AddStreamFallback<StreamingChatCompletionUpdate>(
                _ => LlmGuard.StreamAsync("cheap", ct => cheapClient.CompleteChatStreamingAsync(Clients.Messages, null, ct)));
            o.AddPolicy("cheap", FastPolicy.Apply);
        });
        using var telemetry = new TelemetryCapture();

        var text = await ReadAllAsync(Clients.Chat(primary));

        Assert.Equal(["cheap", " answer"], text);
        Assert.Equal((2, 2), (primary.Attempts, cheap.Attempts));

        // The second model's stream is billed once, under its own policy; the primary policy bills nothing.
        LlmCostLine line = Assert.Single(LlmGuard.Costs.Snapshot());
        Assert.Equal(("cheap", 1L, 40L, 7L), (line.PolicyName, line.Calls, line.InputTokens, line.OutputTokens));

        var fallback = Assert.Single(telemetry.Of(LlmTelemetry.Fallbacks));
        Assert.Equal("default", fallback.Tag("llmpreflight.policy"));
        Activity primaryCall = CallActivity(telemetry, "default");
        Activity cheapCall = CallActivity(telemetry, "cheap");
        Assert.Equal(true, primaryCall.GetTagItem("llmpreflight.fallback"));
        Assert.Null(cheapCall.GetTagItem("llmpreflight.fallback"));
        Assert.Equal(primaryCall.SpanId, cheapCall.ParentSpanId);
    }

    [Fact]
    public async Task MicrosoftExtensionsAIMiddlewareUsesThePolicysStreamFallback()
    {
        FastPolicy.Configure(p =>
        {
            p.MaxRetries = 1;
            p.AddStreamFallback<ChatResponseUpdate>(_ => new ChatResponseUpdate(ChatRole.Assistant, "busy"));
        });
        await using var server = new ScriptedServer(Status(503));
        IChatClient chat = Clients.Chat(server).AsIChatClient().AsBuilder().UseLlmPreflight().Build();

        var text = await ReadAllAsync(chat.GetStreamingResponseAsync("hi"));

        Assert.Equal(["busy"], text);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task FallbackThatFailsEndsTheStreamWithItsOwnFailure()
    {
        FastPolicy.Configure(p =>
        {
            p.MaxRetries = 1;
            p.AddStreamFallback((Func<Exception, IAsyncEnumerable<StreamingChatCompletionUpdate>>)(_ => null!));
        });
        await using var server = new ScriptedServer(Status(503));
        using var telemetry = new TelemetryCapture();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(Clients.Chat(server)));

        Assert.Equal(2, server.Attempts);
        Assert.Contains("AddStreamFallback", error.Message);
        Assert.Contains("'default'", error.Message);
        Assert.Equal(503, Assert.IsType<ClientResultException>(error.InnerException).Status);
        Assert.Empty(telemetry.Of(LlmTelemetry.Fallbacks));
    }

    [Fact]
    public void NullFactoriesAreRejectedWhenAdded()
    {
        var policy = new LlmPolicyOptions();

        Assert.Throws<ArgumentNullException>(() => policy.AddStreamFallback((Func<Exception, IAsyncEnumerable<string>>)null!));
        Assert.Throws<ArgumentNullException>(() => policy.AddStreamFallback((Func<Exception, string>)null!));
    }
}
