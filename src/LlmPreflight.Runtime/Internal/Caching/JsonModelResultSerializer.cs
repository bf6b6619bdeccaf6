using System;
using System.ClientModel.Primitives;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// OpenAI and Azure OpenAI result types (<c>ChatCompletion</c>, <c>OpenAIEmbeddingCollection</c>, <c>ResponseResult</c>, ...):
    /// they implement <see cref="IJsonModel{T}"/>, whose JSON ("J") format is the service's wire format, so nothing the
    /// service sent is lost.
    /// </summary>
    internal sealed class JsonModelResultSerializer<T> : ResultSerializer<T>
        where T : IJsonModel<T>
    {
        private static readonly ModelReaderWriterOptions Json = new ModelReaderWriterOptions("J");

        public override byte[] Serialize(T value) => ModelReaderWriter.Write(value, Json).ToArray();

        public override T Deserialize(byte[] data)
            => ModelReaderWriter.Read<T>(BinaryData.FromBytes(data), Json)
                ?? throw new InvalidOperationException($"ModelReaderWriter read no {typeof(T).Name} from the cached entry.");
    }
}
