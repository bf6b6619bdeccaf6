using System;
using System.Collections.Generic;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// A policy's stream fallbacks by item type, copied from its options. A policy without any has none of
    /// these at all (null), so its streams pay one null check for the feature.
    /// </summary>
    internal sealed class StreamFallbacks
    {
        private readonly Dictionary<Type, Delegate> _byItemType;

        private StreamFallbacks(Dictionary<Type, Delegate> byItemType)
        {
            _byItemType = byItemType;
        }

        /// <summary>The policy's stream fallbacks, or null when it has none.</summary>
        public static StreamFallbacks? From(LlmPolicyOptions options)
        {
            if (options.StreamFallbacks.Count == 0)
            {
                return null;
            }

            var copy = new Dictionary<Type, Delegate>();
            foreach (KeyValuePair<Type, Delegate> fallback in options.StreamFallbacks)
            {
                copy.Add(fallback.Key, fallback.Value);
            }

            return new StreamFallbacks(copy);
        }

        /// <summary>The replacement-stream factory registered for exactly <typeparamref name="T"/>, or null.</summary>
        public Func<Exception, IAsyncEnumerable<T>>? For<T>()
            => _byItemType.TryGetValue(typeof(T), out Delegate? factory) ? (Func<Exception, IAsyncEnumerable<T>>)factory : null;
    }
}
