namespace LlmPreflight.Internal.Caching
{
    /// <summary>Turns one result type into bytes and back; one instance per type, built on first use.</summary>
    internal abstract class ResultSerializer<T>
    {
        public abstract byte[] Serialize(T value);

        public abstract T Deserialize(byte[] data);
    }
}
