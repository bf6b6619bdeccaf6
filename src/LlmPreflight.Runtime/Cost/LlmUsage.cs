namespace LlmPreflight
{
    /// <summary>
    /// The token usage one model call reported, normalised across SDKs: <see cref="InputTokens"/> always
    /// includes <see cref="CachedInputTokens"/> (Anthropic reports cache reads separately; the reader adds them).
    /// </summary>
    public readonly struct LlmUsage
    {
        /// <summary>Creates a usage value.</summary>
        /// <param name="inputTokens">All input (prompt) tokens, cached ones included.</param>
        /// <param name="outputTokens">Output (completion) tokens, reasoning tokens included.</param>
        /// <param name="cachedInputTokens">The part of <paramref name="inputTokens"/> served from the provider's prompt cache.</param>
        /// <param name="model">The model the response names, when it names one.</param>
        /// <param name="provider">The provider, as an OpenTelemetry <c>gen_ai.provider.name</c> value (<c>openai</c>, <c>anthropic</c>, ...).</param>
        public LlmUsage(long inputTokens, long outputTokens, long cachedInputTokens = 0, string? model = null, string? provider = null)
        {
            InputTokens = inputTokens;
            OutputTokens = outputTokens;
            CachedInputTokens = cachedInputTokens;
            Model = model;
            Provider = provider;
        }

        /// <summary>All input (prompt) tokens, cached ones included.</summary>
        public long InputTokens { get; }

        /// <summary>Output (completion) tokens, reasoning tokens included.</summary>
        public long OutputTokens { get; }

        /// <summary>The part of <see cref="InputTokens"/> served from the provider's prompt cache (billed at the cached-input price).</summary>
        public long CachedInputTokens { get; }

        /// <summary>The model the response names, or <c>null</c>.</summary>
        public string? Model { get; }

        /// <summary>The provider (<c>gen_ai.provider.name</c>), or <c>null</c> when the result type does not tell.</summary>
        public string? Provider { get; }

        /// <summary>Input plus output tokens.</summary>
        public long TotalTokens => InputTokens + OutputTokens;

        /// <inheritdoc/>
        public override string ToString() => $"{Model ?? "(model unknown)"}: in {InputTokens} (cached {CachedInputTokens}), out {OutputTokens}";

        /// <summary>
        /// Merges two partial readings of one streamed response: counters are cumulative in every SDK's
        /// stream, so the larger value of each wins; the later model and provider win when present.
        /// </summary>
        internal LlmUsage Merge(LlmUsage later)
            => new LlmUsage(
                System.Math.Max(InputTokens, later.InputTokens),
                System.Math.Max(OutputTokens, later.OutputTokens),
                System.Math.Max(CachedInputTokens, later.CachedInputTokens),
                later.Model ?? Model,
                later.Provider ?? Provider);

        internal LlmUsage With(string? model, string? provider) => new LlmUsage(InputTokens, OutputTokens, CachedInputTokens, model, provider);
    }
}
