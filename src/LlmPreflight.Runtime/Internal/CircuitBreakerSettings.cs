using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Polly;
using Polly.CircuitBreaker;

namespace LlmPreflight.Internal
{
    /// <summary>Turns a policy's circuit-breaker settings into Polly's options; the breaker itself is Polly's.</summary>
    internal static class CircuitBreakerSettings
    {
        public static CircuitBreakerStrategyOptions For(GuardPolicy policy, LlmPolicyOptions options, double failureRatio) => new CircuitBreakerStrategyOptions
        {
            Name = "LlmGuard." + policy.Name + ".CircuitBreaker",
            FailureRatio = failureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is Exception e && IsFailure(policy, e, args.Context)),
            OnOpened = args =>
            {
                if (Metering.Telemetry.CircuitOpened.Enabled)
                {
                    Metering.Telemetry.CircuitOpened.Add(1, new TagList { { "llmpreflight.policy", policy.Name } });
                }

                return default;
            },
        };

        /// <summary>
        /// A failure is what says the provider is unwell: what the retry would retry (attempt timeouts, throttling,
        /// server errors, network errors) and a Retry-After beyond the cap. A wrong request says nothing about the
        /// provider, and a cancelled token (the caller's, or the total timeout's) says nothing about the attempt.
        /// </summary>
        private static bool IsFailure(GuardPolicy policy, Exception exception, ResilienceContext context)
            => !context.CancellationToken.IsCancellationRequested
                && (exception is LlmRetryAfterTooLongException || policy.ShouldRetry(exception));
    }
}
