using System;
using LlmPreflight.Internal.Caching;

namespace LlmPreflight
{
    /// <summary>
    /// Serializers of your own for the response cache, process-wide. Built in: OpenAI and Azure OpenAI types
    /// (<c>IJsonModel&lt;T&gt;</c>, through <c>ModelReaderWriter</c>), <c>ClientResult&lt;T&gt;</c>, Microsoft.Extensions.AI's
    /// <c>ChatResponse</c>, <c>ChatResponse&lt;T&gt;</c> and <c>GeneratedEmbeddings&lt;T&gt;</c>, and System.Text.Json for the rest.
    /// </summary>
    public static class LlmResultSerializers
    {
        /// <summary>Uses <paramref name="serializer"/> for every cached result of type <typeparamref name="T"/>; it takes precedence over the built-in ones.</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="serializer">The serializer.</param>
        public static void Register<T>(ILlmResultSerializer<T> serializer)
        {
            if (serializer is null)
            {
                throw new ArgumentNullException(nameof(serializer));
            }

            ResultSerializers.Register(serializer);
        }
    }
}
