using System;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// Where cached answers live: the user's <c>HybridCache</c>, or the guard's own memory store (optionally in front of
    /// an <c>IDistributedCache</c>). Values are always bytes the guard serialized itself, so no store needs to know SDK types.
    /// </summary>
    internal interface ICacheStore
    {
        /// <summary>
        /// Returns the entry for <paramref name="key"/>, or runs <paramref name="factory"/> once for all concurrent callers
        /// of that key and stores what it returns. An exception from the factory stores nothing and reaches every waiter.
        /// </summary>
        ValueTask<byte[]> GetOrCreateAsync<TState>(string key, TState state, Func<TState, CancellationToken, ValueTask<byte[]>> factory, TimeSpan expiration, TimeSpan localExpiration, CancellationToken cancellationToken);

        ValueTask RemoveAsync(string key, CancellationToken cancellationToken);
    }
}
