using System;

namespace LlmPreflight
{
    /// <summary>
    /// The policy's circuit breaker is open (<see cref="LlmPolicyOptions.CircuitBreakerFailureRatio"/>): recent attempts
    /// failed so often that the guard stopped sending calls for a while. Nothing reached the model. A policy's fallback
    /// and a tiered chain treat it as an outage.
    /// </summary>
    public sealed class LlmCircuitOpenException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="policyName">The policy whose circuit is open.</param>
        /// <param name="retryAfter">How long the circuit stays open before a trial call is let through, if known.</param>
        /// <param name="innerException">The breaker's own rejection; its inner exception is the failure that opened the circuit, when known.</param>
        public LlmCircuitOpenException(string policyName, TimeSpan? retryAfter, Exception? innerException)
            : base(BuildMessage(policyName, retryAfter), innerException)
        {
            PolicyName = policyName;
            RetryAfter = retryAfter;
        }

        /// <summary>The policy whose circuit is open.</summary>
        public string PolicyName { get; }

        /// <summary>How long the circuit stays open before a trial call is let through, if known.</summary>
        public TimeSpan? RetryAfter { get; }

        private static string BuildMessage(string policyName, TimeSpan? retryAfter)
        {
            string when = retryAfter is TimeSpan after
                ? $" It lets a trial call through in about {after.TotalSeconds:0.###} s."
                : " It lets a trial call through once its break duration has passed.";
            const string Options = nameof(LlmPolicyOptions);
            return $"LlmGuard policy '{policyName}' did not send the call: its circuit breaker is open because too many recent attempts failed (timeouts, throttling or server errors).{when} "
                + $"Register a fallback ({Options}.{nameof(LlmPolicyOptions.AddFallback)}) or a further tier to answer meanwhile; "
                + $"if the circuit opens on short blips, raise {Options}.{nameof(LlmPolicyOptions.CircuitBreakerFailureRatio)} or {nameof(LlmPolicyOptions.CircuitBreakerMinimumThroughput)}, "
                + $"or shorten {nameof(LlmPolicyOptions.CircuitBreakerBreakDuration)}.";
        }
    }
}
