namespace LlmPreflight.Internal.Caching
{
    /// <summary>A serializer registered with <see cref="LlmResultSerializers.Register{T}"/>.</summary>
    internal sealed class RegisteredResultSerializer<T> : ResultSerializer<T>
    {
        private readonly ILlmResultSerializer<T> _inner;

        public RegisteredResultSerializer(ILlmResultSerializer<T> inner) => _inner = inner;

        public override byte[] Serialize(T value) => _inner.Serialize(value);

        public override T Deserialize(byte[] data) => _inner.Deserialize(data);
    }
}
