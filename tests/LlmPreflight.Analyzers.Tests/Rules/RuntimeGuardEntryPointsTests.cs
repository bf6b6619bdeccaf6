using VerifyLLM0004 = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0004_UnhandledModelCallFailure>;
using VerifyLLM0009 = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0009_TokenUsageNotRecorded>;

namespace LlmPreflight.Analyzers.Tests.Rules;

/// <summary>
/// Every runtime entry point that runs a call under a guard policy counts as a guard, not only <c>LlmGuard.RunAsync</c>:
/// the cached and validated runs, the tiers (a chain's <c>AddTier</c> and an array passed to <c>RunTieredAsync</c>) and the
/// injected <c>ILlmGuard</c>. The last call in each member is unguarded and must still be reported.
/// </summary>
public class RuntimeGuardEntryPointsTests
{
    private const string Source = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using Microsoft.Extensions.AI;

        class Answer
        {
            public string Text { get; set; } = "";
        }

        class C
        {
            async Task<string> Static(IChatClient client, CancellationToken cancellationToken)
            {
                ChatResponse cached = await LlmGuard.RunCachedAsync("question", ct => client.GetResponseAsync("x", cancellationToken: ct), cancellationToken);
                Answer valid = await LlmGuard.RunValidatedAsync<ChatResponse, Answer>((repair, ct) => client.GetResponseAsync("x", cancellationToken: ct), cancellationToken);
                var tiered = await LlmGuard.RunTieredAsync(
                    new Func<CancellationToken, Task<ChatResponse>>[] { ct => client.GetResponseAsync("cheap", cancellationToken: ct), ct => client.GetResponseAsync("large", cancellationToken: ct) },
                    new ChatResponse(), cancellationToken);
                var chain = await new LlmFallbackChain<ChatResponse>()
                    .AddTier("mini", ct => client.GetResponseAsync("x", cancellationToken: ct))
                    .RunAsync(cancellationToken);
                ChatResponse bare = await {|#0:client.GetResponseAsync("x", cancellationToken: cancellationToken)|};
                return cached.Text + valid.Text + tiered.Value.Text + chain.Value.Text + bare.Text;
            }

            async Task<string> Injected(ILlmGuard guard, IChatClient client, CancellationToken cancellationToken)
            {
                ChatResponse run = await guard.RunAsync(ct => client.GetResponseAsync("x", cancellationToken: ct), cancellationToken);
                ChatResponse named = await guard.RunAsync("cheap", ct => client.GetResponseAsync("x", cancellationToken: ct), cancellationToken);
                ChatResponse cached = await guard.RunCachedAsync("cheap", "question", ct => client.GetResponseAsync("x", cancellationToken: ct), null, cancellationToken);
                Answer valid = await guard.RunValidatedAsync<ChatResponse, Answer>("cheap", (repair, ct) => client.GetResponseAsync("x", cancellationToken: ct), null, cancellationToken);
                await foreach (var update in guard.StreamAsync(ct => client.GetStreamingResponseAsync("x", cancellationToken: ct), cancellationToken))
                {
                }

                ChatResponse bare = await {|#1:client.GetResponseAsync("x", cancellationToken: cancellationToken)|};
                return run.Text + named.Text + cached.Text + valid.Text + bare.Text;
            }
        }
        """;

    [Fact]
    public Task Failures_are_handled_by_every_runtime_entry_point() => VerifyLLM0004.AnalyzerAsync(
        Source.Replace("{|#0:", "{|LLM0004:", StringComparison.Ordinal).Replace("{|#1:", "{|LLM0004:", StringComparison.Ordinal));

    // Usage is not reported inside these lambdas for two reasons (the guard records it, and the lambda returns the
    // result); this asserts the absence of false positives, the LLM0004 test above is the one that needs the guards.
    [Fact]
    public Task Usage_is_not_reported_inside_runtime_entry_points() => VerifyLLM0009.AnalyzerAsync(
        Source.Replace("{|#0:", "{|LLM0009:", StringComparison.Ordinal).Replace("{|#1:", "{|LLM0009:", StringComparison.Ordinal));
}
