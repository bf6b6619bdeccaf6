using System;
using System.Collections.Generic;

namespace LlmPreflight.Internal
{
    /// <summary>Checks a policy's circuit-breaker settings against the ranges Polly's breaker accepts, with the fix for each.</summary>
    internal static class CircuitBreakerRules
    {
        // Polly's breaker refuses windows and breaks shorter than half a second; a day is the guard's ceiling for every duration.
        private static readonly TimeSpan MinDuration = TimeSpan.FromMilliseconds(500);
        private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

        /// <summary>
        /// Checked even while the breaker is off, so a wrong value is reported when it is written, not on the day
        /// someone turns the breaker on.
        /// </summary>
        public static void Check(string prefix, LlmPolicyOptions policy, List<string> problems)
        {
            if (policy.CircuitBreakerFailureRatio is double ratio && !(ratio > 0 && ratio <= 1))
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.CircuitBreakerFailureRatio)} is {ratio}. Set it above 0 and at most 1 (0.5 opens the circuit when half of the attempts fail), or to null to turn the circuit breaker off.");
            }

            if (policy.CircuitBreakerMinimumThroughput < 2)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.CircuitBreakerMinimumThroughput)} is {policy.CircuitBreakerMinimumThroughput}. Set it to 2 or more; 10 keeps a single failing call (4 attempts with the default retries) from opening the circuit.");
            }

            CheckDuration(prefix, nameof(LlmPolicyOptions.CircuitBreakerSamplingDuration), policy.CircuitBreakerSamplingDuration, problems);
            CheckDuration(prefix, nameof(LlmPolicyOptions.CircuitBreakerBreakDuration), policy.CircuitBreakerBreakDuration, problems);
        }

        private static void CheckDuration(string prefix, string setting, TimeSpan value, List<string> problems)
        {
            if (value < MinDuration || value > MaxDuration)
            {
                problems.Add(prefix + $"{setting} is {value}. Set it between 500 ms and 1 day; 30 s is the default.");
            }
        }
    }
}
