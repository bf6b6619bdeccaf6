using System;
using System.Collections.Concurrent;
using System.Threading;
using LlmPreflight.Internal.Metering;

namespace LlmPreflight
{
    /// <summary>
    /// Finds the <see cref="ILlmUsageReader"/> for a result type: one you registered, else a built-in one
    /// for the OpenAI, System.ClientModel, Azure.Core, Microsoft.Extensions.AI, Semantic Kernel, Anthropic and
    /// OllamaSharp result types. The choice is made once per runtime type and cached.
    /// </summary>
    /// <remarks>
    /// The runtime references none of the SDKs: built-in readers match SDK types by full name and read
    /// their members through delegates compiled once per type (the same approach as failure classification),
    /// so users restore only the SDKs they use.
    /// </remarks>
    public static class LlmUsageReaders
    {
        private static readonly ConcurrentDictionary<Type, ILlmUsageReader> Registered = new ConcurrentDictionary<Type, ILlmUsageReader>();
        private static readonly ConcurrentDictionary<Type, ILlmUsageReader> Resolved = new ConcurrentDictionary<Type, ILlmUsageReader>();
        private static readonly Func<Type, ILlmUsageReader> Resolve = ResolveReader;
        private static bool s_anyRegistered;

        /// <summary>Registers a typed reader for <typeparamref name="T"/> and its subtypes; it takes precedence over the built-in ones.</summary>
        /// <typeparam name="T">The result (or streamed item) type.</typeparam>
        /// <param name="read">Returns the usage, or <c>null</c> when the value carries none.</param>
        public static void Register<T>(Func<T, LlmUsage?> read)
        {
            if (read is null)
            {
                throw new ArgumentNullException(nameof(read));
            }

            Register(typeof(T), new TypedReader<T>(read));
        }

        /// <summary>Registers a reader for a result type and its subtypes; it takes precedence over the built-in ones.</summary>
        /// <param name="resultType">The result (or streamed item) type.</param>
        /// <param name="reader">The reader.</param>
        public static void Register(Type resultType, ILlmUsageReader reader)
        {
            if (resultType is null)
            {
                throw new ArgumentNullException(nameof(resultType));
            }

            Registered[resultType] = reader ?? throw new ArgumentNullException(nameof(reader));
            Volatile.Write(ref s_anyRegistered, true);
            Resolved.Clear();
        }

        /// <summary>Reads the usage a result or streamed item carries, with the reader chosen for its runtime type.</summary>
        /// <param name="result">The SDK result; <c>null</c> carries no usage.</param>
        /// <param name="usage">The usage when found.</param>
        /// <returns>Whether usage was found.</returns>
        public static bool TryRead(object? result, out LlmUsage usage)
        {
            if (result is null)
            {
                usage = default;
                return false;
            }

            return Resolved.GetOrAdd(result.GetType(), Resolve).TryRead(result, out usage);
        }

        /// <summary>
        /// <see cref="TryRead(object?, out LlmUsage)"/> without boxing on the guard's hot path: no built-in reader
        /// takes a value type (SDK results are classes), so a value-type result has usage only when registered.
        /// </summary>
        internal static bool TryRead<T>(T result, out LlmUsage usage)
        {
            if (typeof(T).IsValueType && !Volatile.Read(ref s_anyRegistered))
            {
                usage = default;
                return false;
            }

            return TryRead((object?)result, out usage);
        }

        private static ILlmUsageReader ResolveReader(Type type)
        {
            return TypeRegistrations.TryFind(Registered, type, out ILlmUsageReader reader) ? reader : BuiltInUsageReaders.For(type);
        }

        private sealed class TypedReader<T> : ILlmUsageReader
        {
            private readonly Func<T, LlmUsage?> _read;

            public TypedReader(Func<T, LlmUsage?> read) => _read = read;

            public bool TryRead(object result, out LlmUsage usage)
            {
                LlmUsage? read = _read((T)result);
                usage = read.GetValueOrDefault();
                return read.HasValue;
            }
        }
    }
}
