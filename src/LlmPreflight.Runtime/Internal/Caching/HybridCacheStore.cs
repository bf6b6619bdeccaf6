using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Hybrid;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>The user's <see cref="HybridCache"/>: its L1/L2 and stampede protection, fed with bytes (which every HybridCache stores as they are).</summary>
    internal sealed class HybridCacheStore : ICacheStore
    {
        private readonly HybridCache _cache;

        public HybridCacheStore(HybridCache cache) => _cache = cache;

        public ValueTask<byte[]> GetOrCreateAsync<TState>(string key, TState state, Func<TState, CancellationToken, ValueTask<byte[]>> factory, TimeSpan expiration, TimeSpan localExpiration, CancellationToken cancellationToken)
            => _cache.GetOrCreateAsync(key, state, factory, new HybridCacheEntryOptions { Expiration = expiration, LocalCacheExpiration = localExpiration }, null, cancellationToken);

        public ValueTask RemoveAsync(string key, CancellationToken cancellationToken) => _cache.RemoveAsync(key, cancellationToken);
    }
}
