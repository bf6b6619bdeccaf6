using System;

namespace LlmPreflight
{
    /// <summary>
    /// A rate limit of the policy (requests per window, or tokens per minute: see <see cref="Limit"/>) had no room
    /// for the call and its queue was full, or the call needs more tokens than the whole per-minute allowance, so
    /// the call was not sent. Nothing reached the model.
    /// </summary>
    public sealed class LlmRateLimitRejectedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="policyName">The policy whose limiter rejected the call.</param>
        /// <param name="retryAfter">When the limiter expects a permit to be free, if it knows.</param>
        /// <param name="innerException">The limiter's own rejection.</param>
        public LlmRateLimitRejectedException(string policyName, TimeSpan? retryAfter, Exception? innerException)
            : base(BuildMessage(policyName, retryAfter), innerException)
        {
            PolicyName = policyName;
            RetryAfter = retryAfter;
        }

        /// <summary>A rejection by the tokens-per-minute limiter, with a message of its own.</summary>
        internal LlmRateLimitRejectedException(string policyName, TimeSpan? retryAfter, long requestedTokens, string message)
            : base(message)
        {
            PolicyName = policyName;
            RetryAfter = retryAfter;
            Limit = LlmRateLimitKind.Tokens;
            RequestedTokens = requestedTokens;
        }

        /// <summary>The policy whose limiter rejected the call.</summary>
        public string PolicyName { get; }

        /// <summary>When the limiter expects a permit to be free, if it knows.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>Which limit rejected the call: requests per window, or tokens per minute.</summary>
        public LlmRateLimitKind Limit { get; } = LlmRateLimitKind.Requests;

        /// <summary>For a tokens-per-minute rejection, the tokens the call asked for; otherwise <c>null</c>.</summary>
        public long? RequestedTokens { get; }

        private static string BuildMessage(string policyName, TimeSpan? retryAfter)
        {
            string when = retryAfter is TimeSpan after ? $" A permit should be free in about {after.TotalSeconds:0.###} s." : string.Empty;
            return $"LlmGuard policy '{policyName}' rejected the call: its request rate limiter had no permit and its queue was full.{when} "
                + $"Raise {nameof(LlmPolicyOptions)}.{nameof(LlmPolicyOptions.RateLimitQueueLimit)} to let more calls wait, "
                + $"or {nameof(LlmPolicyOptions.RateLimitPermits)} if your provider quota allows more requests per window.";
        }
    }
}
