namespace LlmPreflight
{
    /// <summary>Tokens-per-minute settings of a policy.</summary>
    public sealed partial class LlmPolicyOptions
    {
        /// <summary>
        /// How many tokens (input plus output) the policy's attempts may use per minute; <c>null</c> (the default) means
        /// no tokens-per-minute limiter. Before each attempt the guard reserves the call's estimate from the
        /// <see cref="LlmCallContext"/> in scope (input tokens plus <see cref="LlmCallContext.MaxOutputTokens"/>; see
        /// <see cref="LlmPromptEstimate.BeginScope"/>), and once the attempt is billed it replaces the estimate with the
        /// real usage. The allowance refills continuously, a minute's worth per minute, as providers' quotas do.
        /// </summary>
        /// <remarks>
        /// A call without any estimate reserves 1 token: it waits while the allowance is used up and is charged its
        /// real usage afterwards. A call whose estimate is larger than the whole allowance could never run and fails
        /// at once with <see cref="LlmRateLimitRejectedException"/>.
        /// </remarks>
        public int? TokensPerMinute { get; set; }

        /// <summary>
        /// How many calls may wait for tokens; a call beyond that fails at once with <see cref="LlmRateLimitRejectedException"/>.
        /// Default 100, like <see cref="RateLimitQueueLimit"/>: a bounded queue keeps a burst from piling up memory and latency.
        /// </summary>
        public int TokensPerMinuteQueueLimit { get; set; } = 100;
    }
}
