using System;

namespace LlmPreflight
{
    /// <summary>
    /// The model service asked the caller to wait (HTTP <c>Retry-After</c> or <c>retry-after-ms</c>)
    /// longer than the policy allows, so the guard failed at once instead of waiting or retrying early.
    /// </summary>
    public sealed class LlmRetryAfterTooLongException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="policyName">The policy that refused to wait.</param>
        /// <param name="statusCode">The HTTP status of the failed attempt.</param>
        /// <param name="retryAfter">How long the service asked to wait.</param>
        /// <param name="maxRetryAfter">The policy's cap.</param>
        /// <param name="innerException">The SDK's exception for the failed attempt.</param>
        public LlmRetryAfterTooLongException(string policyName, int statusCode, TimeSpan retryAfter, TimeSpan maxRetryAfter, Exception innerException)
            : base(BuildMessage(policyName, statusCode, retryAfter, maxRetryAfter), innerException)
        {
            PolicyName = policyName;
            StatusCode = statusCode;
            RetryAfter = retryAfter;
            MaxRetryAfter = maxRetryAfter;
        }

        /// <summary>The policy that refused to wait.</summary>
        public string PolicyName { get; }

        /// <summary>The HTTP status of the failed attempt (for example 429).</summary>
        public int StatusCode { get; }

        /// <summary>How long the service asked to wait.</summary>
        public TimeSpan RetryAfter { get; }

        /// <summary>The policy's cap (<see cref="LlmPolicyOptions.MaxRetryAfter"/>).</summary>
        public TimeSpan MaxRetryAfter { get; }

        private static string BuildMessage(string policyName, int statusCode, TimeSpan retryAfter, TimeSpan maxRetryAfter)
            => $"The model service answered HTTP {statusCode} and asked to wait {retryAfter.TotalSeconds:0.###} s before retrying, "
                + $"longer than LlmGuard policy '{policyName}' allows ({nameof(LlmPolicyOptions)}.{nameof(LlmPolicyOptions.MaxRetryAfter)} = {maxRetryAfter.TotalSeconds:0.###} s), "
                + $"so the call failed without waiting. Raise {nameof(LlmPolicyOptions.MaxRetryAfter)} for this policy if waiting that long is acceptable, "
                + "or lower your request rate (for example with the policy's rate limiter).";
    }
}
