namespace LlmPreflight.Internal.Tokens
{
    /// <summary>How one family of models is counted: with which vocabulary, scaled by what, and whether that is exact.</summary>
    internal sealed class ModelFamily
    {
        public ModelFamily(string provider, LlmTokenEncoding encoding, double factor, bool isExact)
        {
            Provider = provider;
            Encoding = encoding;
            Factor = factor;
            IsExact = isExact;
        }

        /// <summary>The provider as <c>gen_ai.provider.name</c> writes it (<c>openai</c>, <c>anthropic</c>, <c>gcp.gemini</c>, ...), or <c>unknown</c>.</summary>
        public string Provider { get; }

        public LlmTokenEncoding Encoding { get; }

        public double Factor { get; }

        public bool IsExact { get; }
    }
}
