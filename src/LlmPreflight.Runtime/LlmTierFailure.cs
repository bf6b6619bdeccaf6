using System;

namespace LlmPreflight
{
    /// <summary>Why one tier of a tiered call did not answer; see <see cref="LlmTieredResult{T}.Failures"/>.</summary>
    public sealed class LlmTierFailure
    {
        /// <summary>Creates the record.</summary>
        /// <param name="tier">The zero-based index of the tier.</param>
        /// <param name="tierName">The tier's name.</param>
        /// <param name="policyName">The policy the tier ran under.</param>
        /// <param name="exception">The exception the guarded tier ended with.</param>
        /// <param name="isOutage">Whether the failure was an outage (see <see cref="IsOutage"/>).</param>
        /// <param name="duration">How long the tier ran, retries included.</param>
        public LlmTierFailure(int tier, string tierName, string policyName, Exception exception, bool isOutage, TimeSpan duration)
        {
            Tier = tier;
            TierName = tierName;
            PolicyName = policyName;
            Exception = exception;
            IsOutage = isOutage;
            Duration = duration;
        }

        /// <summary>The zero-based index of the tier.</summary>
        public int Tier { get; }

        /// <summary>The tier's name (<c>"tier 0"</c>, ... when none was given).</summary>
        public string TierName { get; }

        /// <summary>The policy the tier ran under.</summary>
        public string PolicyName { get; }

        /// <summary>
        /// The exception the guarded tier ended with: the guard's own (<see cref="LlmTimeoutException"/>,
        /// <see cref="LlmRateLimitRejectedException"/>, <see cref="LlmRetryAfterTooLongException"/>,
        /// <see cref="LlmCircuitOpenException"/>) or the SDK's.
        /// </summary>
        public Exception Exception { get; }

        /// <summary>
        /// <c>true</c> when the service was unavailable (retries exhausted on a transient failure, a timeout, a rate-limit
        /// rejection, a Retry-After beyond the cap); <c>false</c> when the request itself was refused (400, 401, 404, ...),
        /// which usually needs a fix rather than a bigger model.
        /// </summary>
        public bool IsOutage { get; }

        /// <summary>How long the tier ran, retries and back-off included.</summary>
        public TimeSpan Duration { get; }
    }
}
