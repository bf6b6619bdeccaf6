using System;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>One policy's cache settings, copied when the configuration is applied.</summary>
    internal sealed class PolicyCacheSettings
    {
        public PolicyCacheSettings(LlmPolicyOptions options)
        {
            Mode = options.CacheMode;
            Expiration = options.CacheExpiration;
            LocalExpiration = options.CacheLocalExpiration ?? options.CacheExpiration;
            KeyPrefix = options.CacheKeyPrefix ?? string.Empty;
        }

        public LlmCacheMode Mode { get; }

        public TimeSpan Expiration { get; }

        public TimeSpan LocalExpiration { get; }

        public string KeyPrefix { get; }
    }
}
