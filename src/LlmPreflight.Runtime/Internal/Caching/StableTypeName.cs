using System;
using System.Collections.Concurrent;
using System.Linq;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// A type's name without assembly versions (<c>System.ClientModel.ClientResult`1[OpenAI.Chat.ChatCompletion]</c>):
    /// <see cref="Type.AssemblyQualifiedName"/> and generic <see cref="Type.FullName"/>s embed versions, which would
    /// change every key on an SDK update.
    /// </summary>
    internal static class StableTypeName
    {
        private static readonly ConcurrentDictionary<Type, string> Names = new ConcurrentDictionary<Type, string>();

        public static string Of(Type type) => Names.GetOrAdd(type, Build);

        private static string Build(Type type)
        {
            if (type.IsArray)
            {
                return Of(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
            }

            if (!type.IsGenericType)
            {
                return type.FullName ?? type.Name;
            }

            Type definition = type.GetGenericTypeDefinition();
            string name = definition.FullName ?? definition.Name;
            return name + "[" + string.Join(",", type.GetGenericArguments().Select(Of)) + "]";
        }
    }
}
