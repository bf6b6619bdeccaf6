using System;

namespace LlmPreflight
{
    /// <summary>
    /// A result type cannot be stored in the response cache and read back unchanged. Thrown at the first cached call of
    /// that type, before anything is stored; the message names the type and how to register a serializer.
    /// </summary>
    public sealed class LlmCacheSerializationException : InvalidOperationException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="resultType">The result type.</param>
        /// <param name="reason">Why it cannot round-trip.</param>
        /// <param name="innerException">The serializer's exception, if any.</param>
        public LlmCacheSerializationException(Type resultType, string reason, Exception? innerException = null)
            : base(Describe(resultType, reason), innerException)
        {
            ResultType = resultType;
        }

        /// <summary>The result type that cannot be cached.</summary>
        public Type ResultType { get; }

        private static string Describe(Type resultType, string reason)
        {
            string name = Internal.Caching.StableTypeName.Of(resultType);
            return $"Results of type {name} cannot be cached: {reason} Cache a type that round-trips (for example the SDK's own "
                + $"result rather than a wrapper of yours), or register a serializer at start-up: "
                + $"LlmResultSerializers.Register<{name}>(new MySerializer()) with a class implementing ILlmResultSerializer<{name}>.";
        }
    }
}
