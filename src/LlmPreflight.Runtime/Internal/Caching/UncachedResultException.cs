using System;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// Carries a result that must not be stored (the policy's fallback, a failure response, null) out of the store's
    /// factory: a store keeps whatever its factory returns, so not returning is the only way to store nothing. Callers
    /// waiting on the same key receive the same result.
    /// </summary>
    internal sealed class UncachedResultException<T> : Exception
    {
        public UncachedResultException(T result)
            : base("The result is not cached.")
        {
            Result = result;
        }

        public T Result { get; }
    }
}
