using System.ClientModel;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// <c>ClientResult&lt;T&gt;</c>, what OpenAI's <c>CompleteChatAsync</c> returns: the value is cached, and a hit rebuilds the
    /// result around a 200 response whose content is the value's JSON, so <c>GetRawResponse()</c> still works.
    /// </summary>
    internal sealed class ClientResultSerializer<T> : ResultSerializer<ClientResult<T>>
    {
        private readonly ResultSerializer<T> _value;

        public ClientResultSerializer(ResultSerializer<T> value) => _value = value;

        public override byte[] Serialize(ClientResult<T> value) => _value.Serialize(value.Value);

        public override ClientResult<T> Deserialize(byte[] data)
            => ClientResult.FromValue(_value.Deserialize(data), new CachedPipelineResponse(data));
    }
}
