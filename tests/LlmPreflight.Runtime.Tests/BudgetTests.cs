using System.ClientModel;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;
using static LlmPreflight.Runtime.Tests.Infrastructure.UsageResponses;

namespace LlmPreflight.Runtime.Tests;

/// <summary>Per-policy budgets: the pre-call estimate blocks, actual usage is reconciled, the period resets.</summary>
public sealed class BudgetTests
{
    private static Task<ClientResult<ChatCompletion>> Complete(ChatClient client)
        => LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));

    private static LlmCallContext Estimate(long inputCharacters, long maxOutputTokens)
        => new() { PromptId = "report", Model = "gpt-4o-mini", InputCharacters = inputCharacters, MaxOutputTokens = maxOutputTokens };

    [Fact]
    public async Task EstimateAboveWhatIsLeftBlocksTheCallBeforeAnyRequest()
    {
        FastPolicy.Configure(p => p.Budget = new LlmBudget(0.001m, TimeSpan.FromDays(1)));
        await using var server = new ScriptedServer(Json(ChatCompletion("gpt-4o-mini", 10, 1)));

        // 40,000 characters = 10,000 tokens at 0.15 + 1,000 output tokens at 0.60 = 0.0021 USD > 0.001 USD.
        LlmBudgetExceededException error;
        using (LlmGuard.BeginScope(Estimate(40_000, 1_000)))
        {
            error = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => Complete(Clients.Chat(server)));
        }

        Assert.Equal(0, server.Attempts);
        Assert.Equal("default", error.PolicyName);
        Assert.Equal(0.0021m, error.Estimate);
        Assert.Equal(0m, error.Spent);
        Assert.Contains("Budget", error.Message);
        Assert.Empty(LlmGuard.Costs.Snapshot());
    }

    [Fact]
    public async Task EstimateWithinTheBudgetRunsAndActualCostIsReconciled()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        LlmGuard.Configure(o =>
        {
            o.TimeProvider = clock;
            FastPolicy.Apply(o.DefaultPolicy);
            o.DefaultPolicy.AttemptTimeout = null;
            o.DefaultPolicy.TotalTimeout = null;
            o.DefaultPolicy.StreamIdleTimeout = null;
            o.DefaultPolicy.Budget = new LlmBudget(0.001m, TimeSpan.FromDays(1));
        });

        // Each call really costs 1,000 × 0.15 + 1,000 × 0.60 = 0.00075 USD; its estimate (400 chars, 100 out) is 0.000075.
        await using var server = new ScriptedServer(Json(ChatCompletion("gpt-4o-mini", 1000, 1000)));
        var client = Clients.Chat(server);
        using (LlmGuard.BeginScope(Estimate(400, 100)))
        {
            await Complete(client);

            // 0.00075 spent, 0.00025 left: the same estimate passes, and the actual cost overshoots.
            await Complete(client);
            var error = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => Complete(client));
            Assert.Equal(0.0015m, error.Spent);
            Assert.Equal(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero), error.PeriodEnds);

            clock.Advance(TimeSpan.FromDays(1));
            await Complete(client);
        }

        Assert.Equal(3, server.Attempts);
        Assert.Equal(3, Assert.Single(LlmGuard.Costs.Snapshot()).Calls);
    }

    [Fact]
    public async Task CallWithoutAnEstimateIsBlockedOnlyOnceTheBudgetIsUsedUp()
    {
        FastPolicy.Configure(p => p.Budget = new LlmBudget(0.0005m, TimeSpan.FromDays(1)));
        await using var server = new ScriptedServer(Json(ChatCompletion("gpt-4o-mini", 1000, 1000)));
        var client = Clients.Chat(server);

        await Complete(client);
        await Assert.ThrowsAsync<LlmBudgetExceededException>(() => Complete(client));

        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task BlockedCallUsesThePolicyFallbackWhenOneIsConfigured()
    {
        FastPolicy.Configure(p =>
        {
            p.Budget = new LlmBudget(0.001m, TimeSpan.FromDays(1));
            p.AddFallback<string>(e => "fallback: " + e.GetType().Name);
        });
        using var telemetry = new TelemetryCapture();

        string result;
        using (LlmGuard.BeginScope(Estimate(40_000, 1_000)))
        {
            result = await LlmGuard.RunAsync(_ => Task.FromResult("model answer"));
        }

        Assert.Equal("fallback: LlmBudgetExceededException", result);
        Assert.Single(telemetry.Of(LlmTelemetry.BudgetRejections));
        Assert.Single(telemetry.Of(LlmTelemetry.Fallbacks));
    }

    [Fact]
    public void BudgetRejectsNonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LlmBudget(0m, TimeSpan.FromDays(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LlmBudget(1m, TimeSpan.Zero));
    }
}
