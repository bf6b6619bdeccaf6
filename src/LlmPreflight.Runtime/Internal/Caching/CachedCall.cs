using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Internal.Metering;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// A call answered from the cache when it can be: composed on top of <see cref="LlmGuard.RunAsync{T}(string, Func{CancellationToken, Task{T}}, CancellationToken)"/>,
    /// so a hit never reaches the policy (no attempt, no rate-limit permit, no budget, no usage) and a miss is an ordinary guarded call.
    /// </summary>
    internal static class CachedCall
    {
        public static async Task<T> RunAsync<T>(PolicyRegistry registry, string policyName, object? request, Func<CancellationToken, Task<T>> call, LlmCachedCallOptions? options, CancellationToken cancellationToken)
        {
            registry.Get(policyName); // an unknown name fails here, with the registry's message
            PolicyCacheSettings settings = registry.Caching.For(policyName);
            if (settings.Mode == LlmCacheMode.Off)
            {
                return await LlmGuard.RunAsync(policyName, call, cancellationToken).ConfigureAwait(false);
            }

            LlmCallContext? scope = LlmGuard.CurrentContext;
            LlmCacheKey key = LlmCacheKey.Create(
                policyName,
                typeof(T),
                request,
                options?.PromptId ?? scope?.PromptId,
                options?.PromptVersion ?? scope?.PromptVersion,
                options?.Model ?? scope?.Model);

            // Chosen before the model is called, so a type that cannot be cached fails without spending anything.
            ResultSerializer<T> serializer = ResultSerializers.For<T>();
            TimeSpan expiration = options?.Expiration ?? settings.Expiration;
            TimeSpan localExpiration = options?.LocalExpiration ?? (options?.Expiration is TimeSpan perCall && perCall < settings.LocalExpiration ? perCall : settings.LocalExpiration);
            if (localExpiration > expiration)
            {
                localExpiration = expiration;
            }

            string storeKey = settings.KeyPrefix + key.Value;
            ICacheStore store = registry.Caching.Store;
            for (int attempt = 0; ; attempt++)
            {
                var fill = new CacheFill<T>(policyName, call, serializer);
                byte[] data;
                try
                {
                    data = await store.GetOrCreateAsync(storeKey, fill, CacheFill<T>.Factory, expiration, localExpiration, cancellationToken).ConfigureAwait(false);
                }
                catch (UncachedResultException<T> uncached)
                {
                    Count(fill.Ran ? Telemetry.CacheMisses : Telemetry.CacheHits, policyName, OperationName<T>.Value);
                    return fill.Ran ? fill.Result : uncached.Result;
                }

                if (fill.Ran)
                {
                    Count(Telemetry.CacheMisses, policyName, OperationName<T>.Value);
                    return fill.Result;
                }

                T cached;
                try
                {
                    cached = serializer.Deserialize(data);
                }
                catch (Exception e) when (attempt == 0 && !(e is OperationCanceledException))
                {
                    // An entry written by another version of an SDK (or damaged): drop it and ask the model again.
                    await store.RemoveAsync(storeKey, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                Count(Telemetry.CacheHits, policyName, OperationName<T>.Value);
                return cached;
            }
        }

        private static void Count(System.Diagnostics.Metrics.Counter<long> counter, string policyName, string operation)
        {
            if (counter.Enabled)
            {
                var tags = new TagList { { "llmpreflight.policy", policyName }, { "gen_ai.operation.name", operation } };
                PromptTags.Add(ref tags, LlmGuard.CurrentContext);
                counter.Add(1, tags);
            }
        }
    }
}
