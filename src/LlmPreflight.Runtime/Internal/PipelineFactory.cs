using System;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace LlmPreflight.Internal
{
    /// <summary>Turns a policy's options into Polly pipelines; called once per policy when the configuration is applied.</summary>
    internal static class PipelineFactory
    {
        /// <summary>
        /// Retry, then (per attempt) the circuit breaker when it is on, the rate limiter and the tokens-per-minute limiter, then the attempt timeout. The limiter sits inside the
        /// retry because every attempt is a request that counts against the provider's quota; the attempt
        /// timeout sits inside the limiter so waiting in the limiter's queue does not eat into an attempt.
        /// The breaker sits inside the retry so every failed attempt counts and an open circuit ends the call instead
        /// of being retried, and outside the limiters so a call it rejects takes no permit and no tokens.
        /// </summary>
        public static ResiliencePipeline BuildAttempts(GuardPolicy policy, LlmPolicyOptions options, TimeProvider timeProvider)
        {
            var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = "LlmGuard." + policy.Name };
            if (options.MaxRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = options.BaseDelay,
                    MaxDelay = options.MaxDelay,
                    UseJitter = options.UseJitter,
                    ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is Exception e && policy.ShouldRetry(e)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Exception is Exception e ? policy.ServerRequestedDelay(e) : null),
                });
            }

            // Off (null) adds no step at all, so a policy without a breaker pays nothing per call.
            if (options.CircuitBreakerFailureRatio is double failureRatio)
            {
                builder.AddCircuitBreaker(CircuitBreakerSettings.For(policy, options, failureRatio));
            }

            if (options.RateLimiter is RateLimiter shared)
            {
                builder.AddRateLimiter(shared);
            }
            else if (options.RateLimitPermits is int permits)
            {
                builder.AddRateLimiter(new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = options.RateLimitWindow,
                    // Six segments: permits come back in sixths of the window (10 s for a minute) instead of all at once.
                    SegmentsPerWindow = 6,
                    QueueLimit = options.RateLimitQueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                }));
            }

            // Tokens after requests: a call queued for a request permit has not yet taken tokens it cannot use.
            if (policy.Tokens is Tokens.TokensPerMinuteLimiter tokens)
            {
                builder.AddStrategy(_ => new Tokens.TokenRateLimitStrategy(tokens));
            }

            if (options.AttemptTimeout is TimeSpan attemptTimeout)
            {
                builder.AddTimeout(Timeout(attemptTimeout, LlmTimeoutKind.Attempt));
            }

            return builder.Build();
        }

        /// <summary>The total timeout around the attempts: it bounds retries and back-off waits as well.</summary>
        public static ResiliencePipeline BuildCore(LlmPolicyOptions options, ResiliencePipeline attempts, TimeProvider timeProvider)
        {
            if (options.TotalTimeout is not TimeSpan totalTimeout)
            {
                return attempts;
            }

            return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
                .AddTimeout(Timeout(totalTimeout, LlmTimeoutKind.Total))
                .AddPipeline(attempts)
                .Build();
        }

        private static TimeoutStrategyOptions Timeout(TimeSpan timeout, LlmTimeoutKind kind) => new TimeoutStrategyOptions
        {
            Timeout = timeout,
            OnTimeout = args =>
            {
                args.Context.Properties.Set(GuardContextKeys.TimeoutKind, kind);
                return default;
            },
        };
    }
}
