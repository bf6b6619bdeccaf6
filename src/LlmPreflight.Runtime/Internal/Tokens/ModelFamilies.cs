using System;

namespace LlmPreflight.Internal.Tokens
{
    /// <summary>
    /// Maps a model name to how its tokens are counted. OpenAI models by prefix, as tiktoken's own
    /// model table does; other families get an estimate from an OpenAI vocabulary scaled by a factor
    /// measured (or, for Claude, taken from Anthropic's published ratio): see docs/runtime.md,
    /// "Token estimation and tokens per minute", for the measurements behind each factor.
    /// </summary>
    internal static class ModelFamilies
    {
        public static readonly ModelFamily OpenAIO200k = new ModelFamily("openai", LlmTokenEncoding.O200kBase, 1.0, isExact: true);
        public static readonly ModelFamily OpenAICl100k = new ModelFamily("openai", LlmTokenEncoding.Cl100kBase, 1.0, isExact: true);

        // Claude 3 and later use a tokenizer Anthropic has not published. Anthropic gives about 3.5 English characters
        // per token against OpenAI's ~4 (x1.14); 1.2 leans towards over-counting, the safe side for limits.
        public static readonly ModelFamily Anthropic = new ModelFamily("anthropic", LlmTokenEncoding.O200kBase, 1.2, isExact: false);

        // Measured against Gemma's SentencePiece vocabulary (which Google shares with Gemini): o200k x 1.15 is within
        // -6 % (JSON) to +30 % (Chinese) of it, and +70 % on Japanese.
        public static readonly ModelFamily Gemini = new ModelFamily("gcp.gemini", LlmTokenEncoding.O200kBase, 1.15, isExact: false);

        // Llama 3's 128k vocabulary is cl100k's 100k tokens plus 28k mostly non-English ones: equal counts on English,
        // code, JSON and European languages, over-counts (never under) on Chinese, Japanese, Korean and Russian.
        public static readonly ModelFamily Llama3 = new ModelFamily("meta", LlmTokenEncoding.Cl100kBase, 1.0, isExact: false);

        // Anything else: the largest factor above, so an unknown model is over- rather than under-counted.
        public static readonly ModelFamily Unknown = new ModelFamily("unknown", LlmTokenEncoding.O200kBase, 1.2, isExact: false);

        /// <summary>
        /// Prefixes in the order they are tried (longer OpenAI names before the shorter ones they begin with). A bounded
        /// prefix must be the whole name or be followed by '-', '.', ':' or '@' (gpt-4o-mini, gpt-5.1, llama3.1:8b), so
        /// "gpt-4" does not claim "gpt-4o"; the others match any name they begin.
        /// </summary>
        private static readonly (string Prefix, bool Bounded, ModelFamily Family)[] Rules =
        {
            ("gpt-5", true, OpenAIO200k),
            ("gpt-4.5", true, OpenAIO200k),
            ("gpt-4.1", true, OpenAIO200k),
            ("gpt-4o", true, OpenAIO200k),
            ("chatgpt-4o", true, OpenAIO200k),
            ("o1", true, OpenAIO200k),
            ("o3", true, OpenAIO200k),
            ("o4", true, OpenAIO200k),
            ("gpt-oss", true, OpenAIO200k),
            ("gpt-4", true, OpenAICl100k),
            ("gpt-3.5-turbo", true, OpenAICl100k),
            ("gpt-35-turbo", true, OpenAICl100k),
            ("text-embedding-3-small", true, OpenAICl100k),
            ("text-embedding-3-large", true, OpenAICl100k),
            ("text-embedding-ada-002", true, OpenAICl100k),
            ("claude", false, Anthropic),
            ("anthropic.claude", false, Anthropic),
            ("gemini", false, Gemini),
            ("gemma", false, Gemini),
            ("llama3", false, Llama3),
            ("llama-3", false, Llama3),
            ("meta-llama-3", false, Llama3),
            ("meta-llama/llama-3", false, Llama3),
            ("meta-llama/meta-llama-3", false, Llama3),
        };

        public static ModelFamily For(string model)
        {
            string name = model.Trim();

            // Fine-tuned OpenAI models are named "ft:<base>:<org>::<id>" and count as their base model.
            if (name.StartsWith("ft:", StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(3);
            }

            foreach ((string prefix, bool bounded, ModelFamily family) in Rules)
            {
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && (!bounded || name.Length == prefix.Length || IsBoundary(name[prefix.Length])))
                {
                    return family;
                }
            }

            return Unknown;
        }

        private static bool IsBoundary(char c) => c == '-' || c == '.' || c == ':' || c == '@';
    }
}
