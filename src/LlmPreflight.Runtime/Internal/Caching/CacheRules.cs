using System;
using System.Collections.Generic;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>The cache settings' part of <see cref="OptionsValidator"/>: each problem names the setting and the fix.</summary>
    internal static class CacheRules
    {
        // A year: far beyond any useful life of a model answer, and well inside what every distributed cache accepts.
        private static readonly TimeSpan MaxExpiration = TimeSpan.FromDays(365);

        // HybridCache refuses keys over 1024 characters by default; the hash takes 64 of them.
        private const int MaxPrefixLength = 256;

        public static void CheckStore(LlmGuardOptions options, List<string> problems)
        {
            if (options.Cache != null && options.DistributedCache != null)
            {
                problems.Add($"{nameof(LlmGuardOptions.Cache)} and {nameof(LlmGuardOptions.DistributedCache)} are both set. Keep one: a HybridCache (which has its own distributed cache) or an IDistributedCache.");
            }
        }

        public static void Check(string prefix, LlmPolicyOptions policy, List<string> problems)
        {
            if (policy.CacheMode != LlmCacheMode.OptIn && policy.CacheMode != LlmCacheMode.AllCalls && policy.CacheMode != LlmCacheMode.Off)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.CacheMode)} is {(int)policy.CacheMode}, which is not a cache mode. Use OptIn (the default), AllCalls or Off.");
            }

            if (policy.CacheExpiration <= TimeSpan.Zero || policy.CacheExpiration > MaxExpiration)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.CacheExpiration)} is {policy.CacheExpiration}. Set it between 1 ms and 365 days; 1 hour is the default.");
            }

            if (policy.CacheLocalExpiration is TimeSpan local)
            {
                if (local <= TimeSpan.Zero)
                {
                    problems.Add(prefix + $"{nameof(LlmPolicyOptions.CacheLocalExpiration)} is {local}. Set it to a positive time span, or to null to keep entries in memory as long as {nameof(LlmPolicyOptions.CacheExpiration)}.");
                }
                else if (local > policy.CacheExpiration && policy.CacheExpiration > TimeSpan.Zero)
                {
                    problems.Add(prefix + $"{nameof(LlmPolicyOptions.CacheLocalExpiration)} ({local}) is longer than {nameof(LlmPolicyOptions.CacheExpiration)} ({policy.CacheExpiration}), so a copy in memory would outlive the entry itself. "
                        + $"Lower {nameof(LlmPolicyOptions.CacheLocalExpiration)}, or set it to null to follow {nameof(LlmPolicyOptions.CacheExpiration)}.");
                }
            }

            if (policy.CacheKeyPrefix is null)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.CacheKeyPrefix)} is null. Set it to a string (\"\" for no prefix); \"llmpreflight:\" is the default.");
            }
            else if (policy.CacheKeyPrefix.Length > MaxPrefixLength)
            {
                problems.Add(prefix + $"{nameof(LlmPolicyOptions.CacheKeyPrefix)} is {policy.CacheKeyPrefix.Length} characters long. Keep it to {MaxPrefixLength} or fewer: HybridCache refuses keys over 1024 characters.");
            }
        }
    }
}
