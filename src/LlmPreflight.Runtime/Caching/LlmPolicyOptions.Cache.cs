using System;

namespace LlmPreflight
{
    /// <summary>Response caching settings of a policy (see docs/runtime.md, "Caching").</summary>
    public sealed partial class LlmPolicyOptions
    {
        /// <summary>
        /// Which calls are answered from the cache. Default <see cref="LlmCacheMode.OptIn"/>: only
        /// <c>LlmGuard.RunCachedAsync</c> calls, which name their request.
        /// </summary>
        public LlmCacheMode CacheMode { get; set; } = LlmCacheMode.OptIn;

        /// <summary>
        /// How long a cached answer is served (in the distributed cache, when there is one). Default 1 hour.
        /// </summary>
        /// <remarks>
        /// The prompt id and version are part of the key, so a changed prompt never gets an old answer; what the hour
        /// bounds is how long one answer keeps being repeated to identical requests. Raise it for reference answers
        /// (FAQ, classification), lower it where answers should vary.
        /// </remarks>
        public TimeSpan CacheExpiration { get; set; } = TimeSpan.FromHours(1);

        /// <summary>
        /// How long an answer stays in this process's memory; <c>null</c> (the default) means <see cref="CacheExpiration"/>.
        /// </summary>
        /// <remarks>
        /// With the in-memory default store this is the only copy, so it matches the expiration. With a distributed
        /// store, a shorter value bounds memory and how long an entry removed elsewhere is still served here.
        /// </remarks>
        public TimeSpan? CacheLocalExpiration { get; set; }

        /// <summary>
        /// Prepended to every cache key of this policy. Default <c>"llmpreflight:"</c>, so the guard's entries are
        /// recognisable in a shared Redis; change it to separate applications or to drop every entry at once.
        /// </summary>
        public string CacheKeyPrefix { get; set; } = "llmpreflight:";
    }
}
