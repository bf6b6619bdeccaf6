using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// Everything that is not an OpenAI model: Microsoft.Extensions.AI's <c>ChatResponse</c>, Anthropic's <c>Message</c>,
    /// OllamaSharp's and Betalgo's responses, Semantic Kernel's <c>ChatMessageContent</c>. The type's contract is built once.
    /// </summary>
    internal sealed class SystemTextJsonResultSerializer<T> : ResultSerializer<T>
    {
        private readonly JsonTypeInfo<T> _info;

        public SystemTextJsonResultSerializer(JsonTypeInfo<T> info) => _info = info;

        public override byte[] Serialize(T value) => JsonSerializer.SerializeToUtf8Bytes(value, _info);

        public override T Deserialize(byte[] data) => JsonSerializer.Deserialize(data, _info)!;
    }
}
