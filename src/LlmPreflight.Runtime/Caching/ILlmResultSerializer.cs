namespace LlmPreflight
{
    /// <summary>
    /// Turns a result type into bytes and back for the response cache, for types the built-in serializers cannot
    /// round-trip. Register it with <see cref="LlmResultSerializers.Register{T}(ILlmResultSerializer{T})"/>.
    /// </summary>
    /// <typeparam name="T">The result type of the cached calls (the <c>T</c> of <c>RunCachedAsync&lt;T&gt;</c>).</typeparam>
    /// <remarks>
    /// Implementations must be thread-safe and deterministic: serializing what <see cref="Deserialize"/> returned must
    /// give the same bytes again, which the guard checks before it stores an entry.
    /// </remarks>
    public interface ILlmResultSerializer<T>
    {
        /// <summary>Writes a result.</summary>
        /// <param name="value">The result the model call returned (never <c>null</c>).</param>
        /// <returns>The bytes to store.</returns>
        byte[] Serialize(T value);

        /// <summary>Reads a result written by <see cref="Serialize"/>.</summary>
        /// <param name="data">The stored bytes.</param>
        /// <returns>A new result equal to the one written.</returns>
        T Deserialize(byte[] data);
    }
}
