using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>The cached form of <c>GeneratedEmbeddings&lt;T&gt;</c>: the list and the properties a bare JSON array would lose.</summary>
    internal sealed class EmbeddingsEnvelope<TEmbedding>
        where TEmbedding : Embedding
    {
        public List<TEmbedding>? Embeddings { get; set; }

        public UsageDetails? Usage { get; set; }

        public AdditionalPropertiesDictionary? AdditionalProperties { get; set; }
    }
}
