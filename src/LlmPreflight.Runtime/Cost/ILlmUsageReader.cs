namespace LlmPreflight
{
    /// <summary>
    /// Reads the token usage from one SDK result type. Readers are looked up once per runtime result type
    /// and cached, so a reader is never searched for per call. Register your own with
    /// <see cref="LlmUsageReaders.Register(System.Type, ILlmUsageReader)"/> or
    /// <see cref="LlmUsageReaders.Register{T}(System.Func{T, LlmUsage?})"/>.
    /// </summary>
    public interface ILlmUsageReader
    {
        /// <summary>Reads the usage a result (or one streamed item) carries.</summary>
        /// <param name="result">A result of the type the reader was registered for (or a subtype).</param>
        /// <param name="usage">The usage, when the result carries one.</param>
        /// <returns>Whether the result carried usage (a streamed item without usage returns <c>false</c>).</returns>
        bool TryRead(object result, out LlmUsage usage);
    }
}
