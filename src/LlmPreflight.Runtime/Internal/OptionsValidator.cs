using System;
using System.Collections.Generic;

namespace LlmPreflight.Internal
{
    /// <summary>Checks a configuration before any pipeline is built, so a mistake fails at start-up with a fix, not mid-call.</summary>
    internal static class OptionsValidator
    {
        // Polly's timeout strategy accepts 10 ms to 1 day; the same range is sensible for LLM calls.
        private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
        private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

        public static void Validate(LlmGuardOptions options)
        {
            var problems = new List<string>();
            if (options.TimeProvider is null)
            {
                problems.Add($"{nameof(LlmGuardOptions.TimeProvider)} is null. Leave it at TimeProvider.System or set a TimeProvider instance.");
            }

            Caching.CacheRules.CheckStore(options, problems);
            Check(LlmGuard.DefaultPolicyName, options.DefaultPolicy, problems);
            foreach (KeyValuePair<string, LlmPolicyOptions> policy in options.Policies)
            {
                Check(policy.Key, policy.Value, problems);
            }

            if (problems.Count > 0)
            {
                throw new LlmGuardConfigurationException(problems);
            }
        }

        private static void Check(string name, LlmPolicyOptions policy, List<string> problems)
        {
            string prefix = $"policy '{name}': ";
            CheckTimeout(prefix, nameof(LlmPolicyOptions.TotalTimeout), policy.TotalTimeout, problems);
            CheckTimeout(prefix, nameof(LlmPolicyOptions.AttemptTimeout), policy.AttemptTimeout, problems);
            CheckTimeout(prefix, nameof(LlmPolicyOptions.StreamIdleTimeout), policy.StreamIdleTimeout, problems);

            // Compared only when the total is itself valid; an invalid total is already reported above.
            if (policy.TotalTimeout is TimeSpan total && total >= MinTimeout && policy.AttemptTimeout is TimeSpan attempt && attempt > total)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.AttemptTimeout)} ({attempt}) is longer than {nameof(LlmPolicyOptions.TotalTimeout)} ({total}), so no attempt could be retried after timing out. "
                    + $"Lower {nameof(LlmPolicyOptions.AttemptTimeout)} below {nameof(LlmPolicyOptions.TotalTimeout)}, or raise {nameof(LlmPolicyOptions.TotalTimeout)}.");
            }

            if (policy.MaxRetries < 0 || policy.MaxRetries > 100)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.MaxRetries)} is {policy.MaxRetries}. Set it between 0 (no retry) and 100; 3 suits most LLM APIs.");
            }

            if (policy.BaseDelay < TimeSpan.Zero || policy.BaseDelay > MaxTimeout)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.BaseDelay)} is {policy.BaseDelay}. Set it between 0 and 1 day; 1 s suits most LLM APIs.");
            }

            if (policy.MaxDelay < policy.BaseDelay)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.MaxDelay)} ({policy.MaxDelay}) is shorter than {nameof(LlmPolicyOptions.BaseDelay)} ({policy.BaseDelay}), so back-off could never grow. "
                    + $"Set {nameof(LlmPolicyOptions.MaxDelay)} to at least {nameof(LlmPolicyOptions.BaseDelay)}.");
            }

            if (policy.MaxRetries == 0 && policy.BackOffSet)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.MaxRetries)} is 0, so the back-off settings ({nameof(LlmPolicyOptions.BaseDelay)}, {nameof(LlmPolicyOptions.MaxDelay)}, {nameof(LlmPolicyOptions.UseJitter)}) that were set would never apply. "
                    + $"Set {nameof(LlmPolicyOptions.MaxRetries)} to 1 or more if you want retries, or remove the back-off settings.");
            }

            if (policy.MaxRetries > 0 && policy.BaseDelay == TimeSpan.Zero && policy.UseJitter)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.UseJitter)} is on but {nameof(LlmPolicyOptions.BaseDelay)} is 0, so there is nothing to randomise and retries hit the service at once. "
                    + $"Give {nameof(LlmPolicyOptions.BaseDelay)} a positive value (1 s suits most LLM APIs), or set {nameof(LlmPolicyOptions.UseJitter)} = false if immediate retries are really intended.");
            }

            if (policy.MaxRetryAfter < TimeSpan.Zero)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.MaxRetryAfter)} is negative ({policy.MaxRetryAfter}). Set it to 0 or more; 0 fails every call whose response asks for a wait, 60 s is the default.");
            }

            if (policy.RateLimiter is not null && policy.RateLimitPermits is not null)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.RateLimiter)} and {nameof(LlmPolicyOptions.RateLimitPermits)} are both set. Keep one: the limiter you supply (for example a Redis one shared by every instance) or the built-in per-process one.");
            }

            if (policy.RateLimitPermits is int permits && permits < 1)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.RateLimitPermits)} is {permits}. Set it to 1 or more, or to null to turn the rate limiter off.");
            }

            if (policy.RateLimitWindow <= TimeSpan.Zero || policy.RateLimitWindow > MaxTimeout)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.RateLimitWindow)} is {policy.RateLimitWindow}. Set it between 1 ms and 1 day; 1 minute matches requests-per-minute quotas.");
            }

            Caching.CacheRules.Check(prefix, policy, problems);

            if (policy.RateLimitQueueLimit < 0)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.RateLimitQueueLimit)} is {policy.RateLimitQueueLimit}. Set it to 0 (reject at once when no permit is free) or more.");
            }

            if (policy.TokensPerMinute is int tokensPerMinute && tokensPerMinute < 1)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.TokensPerMinute)} is {tokensPerMinute}. Set it to your provider's tokens-per-minute quota (1 or more), or to null to turn the tokens-per-minute limiter off.");
            }

            if (policy.TokensPerMinuteQueueLimit < 0)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.TokensPerMinuteQueueLimit)} is {policy.TokensPerMinuteQueueLimit}. Set it to 0 (reject at once when the tokens are not free) or more.");
            }
            CircuitBreakerRules.Check(prefix, policy, problems);
            Validation.ValidationOptionsRules.Check(prefix, policy.Validation, problems);
        }

        private static void CheckTimeout(string prefix, string setting, TimeSpan? value, List<string> problems)
        {
            if (value is TimeSpan timeout && (timeout < MinTimeout || timeout > MaxTimeout))
            {
                problems.Add(prefix + $"{setting} is {timeout}. Set it between 10 ms and 1 day, or to null to turn this timeout off.");
            }
        }
    }
}
