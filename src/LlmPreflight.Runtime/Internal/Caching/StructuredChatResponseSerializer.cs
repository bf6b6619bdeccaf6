using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// <c>ChatResponse&lt;T&gt;</c> (structured output) has no constructor System.Text.Json can use: the response is cached
    /// as a plain <c>ChatResponse</c> and rebuilt around it; <c>Result</c> is parsed from the text again, with
    /// <c>AIJsonUtilities.DefaultOptions</c>.
    /// </summary>
    internal sealed class StructuredChatResponseSerializer<T> : ResultSerializer<ChatResponse<T>>
    {
        private static readonly JsonTypeInfo<ChatResponse> Info = (JsonTypeInfo<ChatResponse>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatResponse));

        public override byte[] Serialize(ChatResponse<T> value) => JsonSerializer.SerializeToUtf8Bytes<ChatResponse>(value, Info);

        public override ChatResponse<T> Deserialize(byte[] data)
            => new ChatResponse<T>(JsonSerializer.Deserialize(data, Info)!, AIJsonUtilities.DefaultOptions);
    }
}
