using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight
{
    /// <content>Tiered fallback: several calls tried in order, then a default value.</content>
    public static partial class LlmGuard
    {
        /// <summary>
        /// Raised for every tier of a tiered call (<see cref="RunTieredAsync{T}(IEnumerable{Func{CancellationToken, Task{T}}}, T, CancellationToken)"/>,
        /// <see cref="LlmFallbackChain{T}"/>) that failed and was passed over, for logging and metrics.
        /// Handlers run on the calling flow; keep them short and do not throw.
        /// </summary>
        public static event Action<LlmTierFailure>? TierFailed;

        /// <summary>
        /// Tries each call in order under the default policy (each with the policy's own retries and timeouts) until one
        /// answers; when all fail, returns <paramref name="defaultValue"/>. Caller cancellation ends the call at once.
        /// </summary>
        /// <typeparam name="T">The calls' result type.</typeparam>
        /// <param name="tiers">The calls, cheapest first; each is passed the token it receives. Named <c>"tier 0"</c>, <c>"tier 1"</c>, ...</param>
        /// <param name="defaultValue">The value when every tier has failed.</param>
        /// <param name="cancellationToken">The caller's token.</param>
        /// <returns>The value, the tier that answered and why earlier tiers failed.</returns>
        public static Task<LlmTieredResult<T>> RunTieredAsync<T>(IEnumerable<Func<CancellationToken, Task<T>>> tiers, T defaultValue, CancellationToken cancellationToken = default)
            => RunTieredAsync(DefaultPolicyName, tiers, defaultValue, cancellationToken);

        /// <summary>As <see cref="RunTieredAsync{T}(IEnumerable{Func{CancellationToken, Task{T}}}, T, CancellationToken)"/>, every tier under a named policy.</summary>
        /// <typeparam name="T">The calls' result type.</typeparam>
        /// <param name="policyName">The policy every tier runs under. For a policy per tier, use <see cref="LlmFallbackChain{T}"/>.</param>
        /// <param name="tiers">The calls, cheapest first; each is passed the token it receives. Named <c>"tier 0"</c>, <c>"tier 1"</c>, ...</param>
        /// <param name="defaultValue">The value when every tier has failed.</param>
        /// <param name="cancellationToken">The caller's token.</param>
        /// <returns>The value, the tier that answered and why earlier tiers failed.</returns>
        public static Task<LlmTieredResult<T>> RunTieredAsync<T>(string policyName, IEnumerable<Func<CancellationToken, Task<T>>> tiers, T defaultValue, CancellationToken cancellationToken = default)
        {
            NotNull(tiers, nameof(tiers));
            var chain = new LlmFallbackChain<T>();
            foreach (Func<CancellationToken, Task<T>> tier in tiers)
            {
                chain.AddTier("tier " + chain.TierCount, tier, policyName);
            }

            return chain.WithDefault(defaultValue).RunAsync(cancellationToken);
        }

        internal static void RaiseTierFailed(LlmTierFailure failure) => TierFailed?.Invoke(failure);
    }
}
