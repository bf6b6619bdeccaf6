using System.ClientModel;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

/// <summary>Tiered fallback across two scripted "models", each on its own local server.</summary>
public sealed class TieredFallbackTests
{
    private static readonly ChatResponse Busy = new(new ChatMessage(ChatRole.Assistant, "busy"));

    private static void Configure() => LlmGuard.Configure(o =>
    {
        FastPolicy.Apply(o.DefaultPolicy);
        o.DefaultPolicy.MaxRetries = 1;
        o.AddPolicy("cheap", p =>
        {
            p.MaxRetries = 0;
            p.AttemptTimeout = TimeSpan.FromSeconds(5);
            p.TotalTimeout = TimeSpan.FromSeconds(10);
        });
    });

    private static Func<CancellationToken, Task<ChatResponse>> Ask(IChatClient model) => ct => model.GetResponseAsync("hi", cancellationToken: ct);

    [Fact]
    public async Task SecondTierAnswersWhenTheFirstIsDownAndTheFailureIsRecorded()
    {
        Configure();
        await using var cheap = new ScriptedServer(Status(503));
        await using var large = new ScriptedServer(Json(ChatCompletionJson));
        var seen = new List<LlmTierFailure>();
        Action<LlmTierFailure> handler = seen.Add;
        LlmGuard.TierFailed += handler;
        try
        {
            LlmTieredResult<ChatResponse> result = await LlmGuard.RunTieredAsync(
                new[] { Ask(Clients.Chat(cheap).AsIChatClient()), Ask(Clients.Chat(large).AsIChatClient()) }, Busy);

            Assert.Equal("hello", result.Value.Text);
            Assert.Equal(1, result.Tier);
            Assert.Equal("tier 1", result.TierName);
            Assert.False(result.IsDefault);
            LlmTierFailure failure = Assert.Single(result.Failures);
            Assert.Equal(0, failure.Tier);
            Assert.True(failure.IsOutage);
            Assert.Equal(503, Assert.IsType<ClientResultException>(failure.Exception).Status);
            Assert.Equal(2, cheap.Attempts); // the default policy's own retry ran first
            Assert.Equal(1, large.Attempts);
            Assert.Same(failure, Assert.Single(seen));
        }
        finally
        {
            LlmGuard.TierFailed -= handler;
        }
    }

    [Fact]
    public async Task EachTierRunsUnderItsOwnPolicy()
    {
        Configure();
        await using var cheap = new ScriptedServer(Status(503));
        await using var large = new ScriptedServer(Status(503), Json(ChatCompletionJson));
        var failed = new List<string>();

        var result = await new LlmFallbackChain<ChatResponse>()
            .AddTier("mini", Ask(Clients.Chat(cheap).AsIChatClient()), policyName: "cheap")
            .AddTier("large", Ask(Clients.Chat(large).AsIChatClient()))
            .OnTierFailed(f => failed.Add(f.TierName + "/" + f.PolicyName))
            .RunAsync();

        Assert.Equal("large", result.TierName);
        Assert.Equal(1, cheap.Attempts);
        Assert.Equal(2, large.Attempts);
        Assert.Equal(["mini/cheap"], failed);
    }

    [Fact]
    public async Task BothTiersDownYieldsTheDefaultValue()
    {
        Configure();
        await using var cheap = new ScriptedServer(Status(503));
        await using var large = new ScriptedServer(Status(500));

        var result = await LlmGuard.RunTieredAsync("cheap", new[] { Ask(Clients.Chat(cheap).AsIChatClient()), Ask(Clients.Chat(large).AsIChatClient()) }, Busy);

        Assert.Same(Busy, result.Value);
        Assert.True(result.IsDefault);
        Assert.Equal(-1, result.Tier);
        Assert.Null(result.TierName);
        Assert.Equal([0, 1], result.Failures.Select(f => f.Tier));
        Assert.All(result.Failures, f => Assert.True(f.IsOutage));
    }

    [Fact]
    public async Task WithoutADefaultAllTiersFailingThrowsWithEveryFailure()
    {
        Configure();
        await using var cheap = new ScriptedServer(Status(400));
        await using var large = new ScriptedServer(Status(503));

        var error = await Assert.ThrowsAsync<LlmTiersExhaustedException>(() => new LlmFallbackChain<ChatResponse>()
            .AddTier("mini", Ask(Clients.Chat(cheap).AsIChatClient()), "cheap")
            .AddTier("large", Ask(Clients.Chat(large).AsIChatClient()), "cheap")
            .RunAsync());

        Assert.Equal(2, error.Failures.Count);
        Assert.False(error.Failures[0].IsOutage); // a 400 is a refused request, recorded as such
        Assert.True(error.Failures[1].IsOutage);
        Assert.Same(error.Failures[1].Exception, error.InnerException);
        Assert.Contains("WithDefault", error.Message);
    }

    [Fact]
    public async Task CallerCancellationEndsTheCallWithoutFallingBack()
    {
        Configure();
        await using var cheap = new ScriptedServer(After(TimeSpan.FromSeconds(10), Json(ChatCompletionJson)));
        await using var large = new ScriptedServer(Json(ChatCompletionJson));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LlmGuard.RunTieredAsync(
            new[] { Ask(Clients.Chat(cheap).AsIChatClient()), Ask(Clients.Chat(large).AsIChatClient()) }, Busy, cts.Token));

        Assert.Equal(0, large.Attempts);
    }

    [Fact]
    public async Task FallBackWhenNarrowsWhichFailuresMoveOn()
    {
        Configure();
        await using var cheap = new ScriptedServer(Status(401));
        await using var large = new ScriptedServer(Json(ChatCompletionJson));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => new LlmFallbackChain<ChatResponse>()
            .AddTier("mini", Ask(Clients.Chat(cheap).AsIChatClient()))
            .AddTier("large", Ask(Clients.Chat(large).AsIChatClient()))
            .FallBackWhen(e => e is LlmTimeoutException)
            .WithDefault(Busy)
            .RunAsync());

        Assert.Equal(401, error.Status);
        Assert.Equal(0, large.Attempts);
    }
}
