using System;
using Microsoft.ML.Tokenizers;

namespace LlmPreflight.Internal.Tokens
{
    /// <summary>
    /// The two tiktoken vocabularies, each loaded once on first use (a few hundred milliseconds, from the
    /// Microsoft.ML.Tokenizers data packages) and shared: the tokenizers are immutable and thread-safe.
    /// </summary>
    internal static class Vocabularies
    {
        private static readonly Lazy<Tokenizer> O200k = new Lazy<Tokenizer>(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
        private static readonly Lazy<Tokenizer> Cl100k = new Lazy<Tokenizer>(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

        public static Tokenizer For(LlmTokenEncoding encoding) => encoding switch
        {
            LlmTokenEncoding.O200kBase => O200k.Value,
            LlmTokenEncoding.Cl100kBase => Cl100k.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown token encoding."),
        };

        /// <summary>tiktoken's own name of the encoding, as OpenAI's documentation and the cookbook write it.</summary>
        public static string Name(LlmTokenEncoding encoding) => encoding == LlmTokenEncoding.O200kBase ? "o200k_base" : "cl100k_base";
    }
}
