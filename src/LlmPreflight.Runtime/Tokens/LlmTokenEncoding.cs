namespace LlmPreflight
{
    /// <summary>The OpenAI tiktoken vocabularies the runtime counts with (shipped as the Microsoft.ML.Tokenizers data packages).</summary>
    public enum LlmTokenEncoding
    {
        /// <summary><c>o200k_base</c>: gpt-4o, gpt-4.1, gpt-4.5, gpt-5, o1, o3, o4 and later OpenAI models.</summary>
        O200kBase,

        /// <summary><c>cl100k_base</c>: gpt-4, gpt-3.5-turbo, text-embedding-3-small/-large, text-embedding-ada-002.</summary>
        Cl100kBase,
    }
}
