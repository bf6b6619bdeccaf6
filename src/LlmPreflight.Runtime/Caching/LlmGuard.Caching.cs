using System;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Internal.Caching;

namespace LlmPreflight
{
    /// <summary>Response caching entry points (see docs/runtime.md, "Caching").</summary>
    public static partial class LlmGuard
    {
        /// <summary>
        /// Runs a call under the default policy, answering from the cache when the same request was answered before:
        /// <c>await LlmGuard.RunCachedAsync(new object[] { chatClient.Model, messages, options }, ct =&gt; chatClient.CompleteChatAsync(messages, options, ct), cancellationToken)</c>.
        /// </summary>
        /// <typeparam name="T">The call's result type; part of the key, and how the answer is stored (see <see cref="LlmResultSerializers"/>).</typeparam>
        /// <param name="request">
        /// Everything that determines the answer and is not already in the scope's <see cref="LlmCallContext"/>: messages,
        /// options, the model when the client holds it. Several parts go in an array. See <see cref="LlmCacheKey"/>.
        /// </param>
        /// <param name="call">The SDK call, run under the policy on a miss; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token.</param>
        /// <returns>The model's result on a miss (the very object the SDK returned), or a copy read from the cache on a hit.</returns>
        /// <exception cref="LlmCacheSerializationException"><typeparamref name="T"/> cannot be stored and read back unchanged.</exception>
        public static Task<T> RunCachedAsync<T>(object? request, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
            => RunCachedAsync(DefaultPolicyName, request, call, null, cancellationToken);

        /// <summary>Runs a call under a named policy, answering from the cache when the same request was answered before.</summary>
        /// <typeparam name="T">The call's result type.</typeparam>
        /// <param name="policyName">A configured policy's name, or <see cref="DefaultPolicyName"/>; its cache settings apply.</param>
        /// <param name="request">Everything that determines the answer; see <see cref="RunCachedAsync{T}(object, Func{CancellationToken, Task{T}}, CancellationToken)"/>.</param>
        /// <param name="call">The SDK call, run under the policy on a miss; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token.</param>
        /// <returns>The model's result on a miss, or a copy read from the cache on a hit.</returns>
        public static Task<T> RunCachedAsync<T>(string policyName, object? request, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
            => RunCachedAsync(policyName, request, call, null, cancellationToken);

        /// <summary>Runs a call under a named policy with per-call cache settings (expiration, model, prompt id and version).</summary>
        /// <typeparam name="T">The call's result type.</typeparam>
        /// <param name="policyName">A configured policy's name, or <see cref="DefaultPolicyName"/>.</param>
        /// <param name="request">Everything that determines the answer.</param>
        /// <param name="call">The SDK call, run under the policy on a miss; pass it the token it receives.</param>
        /// <param name="cacheOptions">Overrides of the policy's cache settings and of the scope's context; <c>null</c> for none.</param>
        /// <param name="cancellationToken">The caller's token.</param>
        /// <returns>The model's result on a miss, or a copy read from the cache on a hit.</returns>
        public static Task<T> RunCachedAsync<T>(string policyName, object? request, Func<CancellationToken, Task<T>> call, LlmCachedCallOptions? cacheOptions, CancellationToken cancellationToken = default)
        {
            NotNull(call, nameof(call));
            if (policyName is null)
            {
                throw new ArgumentNullException(nameof(policyName));
            }

            return CachedCall.RunAsync(Registry, policyName, request, call, cacheOptions, cancellationToken);
        }

        /// <summary>Whether the policy caches every request that names itself (the MEAI middleware's), not only <c>RunCachedAsync</c>.</summary>
        internal static bool CachesAllCalls(string policyName)
            => Registry.Caching.For(Registry.Get(policyName).Name).Mode == LlmCacheMode.AllCalls;

        /// <summary>Lets the current configuration use the cache registered in a service provider (see <see cref="LlmGuardOptions.Cache"/>).</summary>
        internal static void AttachCacheServices(IServiceProvider services) => Registry.Caching.Attach(services);
    }
}
