using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// <c>GeneratedEmbeddings&lt;T&gt;</c> is a list, which System.Text.Json writes as a bare array, dropping its
    /// <c>Usage</c> and <c>AdditionalProperties</c>; an envelope keeps them.
    /// </summary>
    internal sealed class GeneratedEmbeddingsSerializer<TEmbedding> : ResultSerializer<GeneratedEmbeddings<TEmbedding>>
        where TEmbedding : Embedding
    {
        private static readonly JsonTypeInfo<EmbeddingsEnvelope<TEmbedding>> Info =
            (JsonTypeInfo<EmbeddingsEnvelope<TEmbedding>>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(EmbeddingsEnvelope<TEmbedding>));

        public override byte[] Serialize(GeneratedEmbeddings<TEmbedding> value)
            => JsonSerializer.SerializeToUtf8Bytes(
                new EmbeddingsEnvelope<TEmbedding> { Embeddings = new List<TEmbedding>(value), Usage = value.Usage, AdditionalProperties = value.AdditionalProperties },
                Info);

        public override GeneratedEmbeddings<TEmbedding> Deserialize(byte[] data)
        {
            EmbeddingsEnvelope<TEmbedding> envelope = JsonSerializer.Deserialize(data, Info)!;
            return new GeneratedEmbeddings<TEmbedding>(envelope.Embeddings ?? new List<TEmbedding>())
            {
                Usage = envelope.Usage,
                AdditionalProperties = envelope.AdditionalProperties,
            };
        }
    }
}
