using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// Picks the serializer of a result type by its shape, once per type: a registered one; <c>ClientResult&lt;T&gt;</c>
    /// around the value's; <c>IJsonModel&lt;T&gt;</c> through ModelReaderWriter; MEAI's structured and embedding results;
    /// else System.Text.Json. A type none of them can round-trip is reported, never cached as junk.
    /// </summary>
    internal static class ResultSerializers
    {
        private static readonly ConcurrentDictionary<Type, object> Registered = new ConcurrentDictionary<Type, object>();
        private static readonly ConcurrentDictionary<Type, object> BuiltIn = new ConcurrentDictionary<Type, object>();

        // Members of collection types that System.Text.Json's array form does not need.
        private static readonly HashSet<string> CollectionMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "Count", "Capacity", "Item", "IsReadOnly", "IsFixedSize", "IsSynchronized", "SyncRoot", "Comparer", "Keys", "Values",
        };

        public static void Register<T>(ILlmResultSerializer<T> serializer)
            => Registered[typeof(T)] = new RegisteredResultSerializer<T>(serializer);

        public static ResultSerializer<T> For<T>()
        {
            if (Registered.TryGetValue(typeof(T), out object? registered))
            {
                return (ResultSerializer<T>)registered;
            }

            return (ResultSerializer<T>)BuiltIn.GetOrAdd(typeof(T), Build);
        }

        /// <summary>
        /// Serializes a result and checks that reading it back and writing it again gives the same bytes, so an entry is
        /// only stored when a hit would return what the model returned.
        /// </summary>
        public static byte[] SerializeChecked<T>(ResultSerializer<T> serializer, T value)
        {
            byte[] data;
            byte[] again;
            try
            {
                data = serializer.Serialize(value);
                again = serializer.Serialize(serializer.Deserialize(data));
            }
            catch (LlmCacheSerializationException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new LlmCacheSerializationException(typeof(T), $"its serializer failed ({e.GetType().Name}: {e.Message}).", e);
            }

            if (data.Length == 2 && data[0] == (byte)'{' && data[1] == (byte)'}')
            {
                throw new LlmCacheSerializationException(typeof(T), "it serializes to an empty JSON object ({}), so a cache hit would return an empty result.");
            }

            if (!data.AsSpan().SequenceEqual(again))
            {
                throw new LlmCacheSerializationException(typeof(T), "reading a stored result back and writing it again gives different JSON, so a cache hit would not return what the model returned.");
            }

            return data;
        }

        private static object Build(Type type)
        {
            try
            {
                return (BuildFor(type) ?? throw new InvalidOperationException())!;
            }
            catch (TargetInvocationException e) when (e.InnerException is LlmCacheSerializationException inner)
            {
                throw inner;
            }
        }

        private static object? BuildFor(Type type)
        {
            UncacheableResultShapes.Refuse(type);

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ClientResult<>))
            {
                Type valueType = type.GetGenericArguments()[0];
                object valueSerializer = typeof(ResultSerializers).GetMethod(nameof(For))!.MakeGenericMethod(valueType).Invoke(null, null)!;
                return Activator.CreateInstance(typeof(ClientResultSerializer<>).MakeGenericType(valueType), valueSerializer);
            }

            if (typeof(ClientResult).IsAssignableFrom(type))
            {
                throw new LlmCacheSerializationException(type, "a ClientResult without a value (a protocol method's result) holds only a raw response.");
            }

            if (typeof(IJsonModel<>).MakeGenericType(type).IsAssignableFrom(type))
            {
                return Activator.CreateInstance(typeof(JsonModelResultSerializer<>).MakeGenericType(type));
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ChatResponse<>))
            {
                return Activator.CreateInstance(typeof(StructuredChatResponseSerializer<>).MakeGenericType(type.GetGenericArguments()));
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(GeneratedEmbeddings<>))
            {
                return Activator.CreateInstance(typeof(GeneratedEmbeddingsSerializer<>).MakeGenericType(type.GetGenericArguments()));
            }

            return typeof(ResultSerializers).GetMethod(nameof(SystemTextJson), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, null);
        }

        private static ResultSerializer<T> SystemTextJson<T>()
        {
            Type type = typeof(T);
            if (type == typeof(object))
            {
                // System.Text.Json would read any object back as a JsonElement; abstract types and interfaces fail the round trip.
                throw new LlmCacheSerializationException(type, "object says nothing about what to read back.");
            }

            if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && !typeof(IDictionary).IsAssignableFrom(type) && !type.IsInterface && !type.IsArray)
            {
                string[] extra = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.GetIndexParameters().Length == 0 && !CollectionMembers.Contains(p.Name))
                    .Select(p => p.Name)
                    .ToArray();
                if (extra.Length > 0)
                {
                    throw new LlmCacheSerializationException(type, $"it is a collection, which System.Text.Json writes as a bare JSON array, dropping its properties {string.Join(", ", extra)}.");
                }
            }

            JsonTypeInfo info;
            try
            {
                info = AIJsonUtilities.DefaultOptions.GetTypeInfo(type);
            }
            catch (Exception e) when (e is NotSupportedException || e is InvalidOperationException || e is ArgumentException)
            {
                throw new LlmCacheSerializationException(type, $"System.Text.Json cannot handle it ({e.Message}).", e);
            }

            return new SystemTextJsonResultSerializer<T>((JsonTypeInfo<T>)info);
        }
    }
}
