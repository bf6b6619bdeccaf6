using System;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>The <c>gen_ai.operation.name</c> of calls returning <typeparamref name="T"/>, worked out once per type.</summary>
    internal static class OperationName<T>
    {
        public static readonly string Value = Of(typeof(T), 0) ?? "chat";

        private static string? Of(Type type, int depth)
        {
            if (depth > 4)
            {
                return null;
            }

            // OpenAIEmbeddingCollection, GeneratedEmbeddings<T>, Ollama's EmbedResponse.
            if (type.Name.IndexOf("Embed", StringComparison.Ordinal) >= 0)
            {
                return "embeddings";
            }

            if (type.IsGenericType)
            {
                foreach (Type argument in type.GetGenericArguments())
                {
                    if (Of(argument, depth + 1) is string name)
                    {
                        return name;
                    }
                }
            }

            return null;
        }
    }
}
