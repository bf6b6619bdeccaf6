using System.Threading.RateLimiting;

namespace LlmPreflight
{
    public sealed partial class LlmPolicyOptions
    {
        /// <summary>
        /// A rate limiter of your own in place of the built-in per-process one (<see cref="RateLimitPermits"/>): for several
        /// instances of a service, a distributed limiter — for example RedisRateLimiting's
        /// <c>RedisSlidingWindowRateLimiter&lt;string&gt;</c> over one key — so that every instance draws on the same
        /// requests-per-minute quota. Each attempt, retries included, acquires one permit; a rejection surfaces as
        /// <see cref="LlmRateLimitRejectedException"/>. Set this or <see cref="RateLimitPermits"/>, not both. The policy
        /// does not dispose the limiter: it belongs to whoever created it.
        /// </summary>
        public RateLimiter? RateLimiter { get; set; }
    }
}
