namespace LlmPreflight
{
    /// <summary>Which of a policy's limits rejected a call.</summary>
    public enum LlmRateLimitKind
    {
        /// <summary>The requests-per-window limiter (<see cref="LlmPolicyOptions.RateLimitPermits"/> or <see cref="LlmPolicyOptions.RateLimiter"/>).</summary>
        Requests,

        /// <summary>The tokens-per-minute limiter (<see cref="LlmPolicyOptions.TokensPerMinute"/>).</summary>
        Tokens,
    }
}
