using System;
using System.ClientModel;
using System.ClientModel.Primitives;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// <c>ClientResult&lt;T&gt;</c>, what OpenAI's <c>CompleteChatAsync</c> returns: the value is cached, and a hit rebuilds the
    /// result around a 200 response whose content is the value's JSON, so <c>GetRawResponse()</c> still works.
    /// </summary>
    internal sealed class ClientResultSerializer<T> : ResultSerializer<ClientResult<T>>
    {
        private readonly ResultSerializer<T> _value;

        // Some SDK models cannot write themselves back (OpenAI's AudioTranscription without a duration throws on a null
        // Nullable). Their wire format is also what the service sent, so the response's own bytes are an equivalent entry.
        private readonly bool _wireFormat;

        public ClientResultSerializer(ResultSerializer<T> value)
        {
            _value = value;
            _wireFormat = value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(JsonModelResultSerializer<>);
        }

        public override byte[] Serialize(ClientResult<T> value)
        {
            try
            {
                return _value.Serialize(value.Value);
            }
            catch (Exception) when (_wireFormat && RawContent(value) is byte[] raw)
            {
                return raw;
            }
        }

        public override ClientResult<T> Deserialize(byte[] data)
            => ClientResult.FromValue(_value.Deserialize(data), new CachedPipelineResponse(data));

        private static byte[]? RawContent(ClientResult<T> value)
        {
            try
            {
                PipelineResponse? response = value.GetRawResponse();
                return response is null ? null : response.Content.ToArray();
            }
            catch (InvalidOperationException)
            {
                return null; // a streamed response's content is not buffered
            }
        }
    }
}
