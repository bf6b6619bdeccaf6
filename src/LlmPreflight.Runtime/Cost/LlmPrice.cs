namespace LlmPreflight
{
    /// <summary>A model's list prices in US dollars per 1,000,000 tokens.</summary>
    public sealed class LlmPrice
    {
        private const decimal Million = 1_000_000m;

        /// <summary>Creates a price.</summary>
        /// <param name="input">Per million input tokens.</param>
        /// <param name="cachedInput">Per million cached input tokens; <c>null</c> bills cached tokens as input.</param>
        /// <param name="output">Per million output tokens.</param>
        public LlmPrice(decimal input, decimal? cachedInput, decimal output)
        {
            if (input < 0 || output < 0 || cachedInput < 0)
            {
                throw new System.ArgumentOutOfRangeException(nameof(input), "Prices cannot be negative.");
            }

            Input = input;
            CachedInput = cachedInput;
            Output = output;
        }

        /// <summary>US dollars per million input tokens.</summary>
        public decimal Input { get; }

        /// <summary>US dollars per million cached input tokens, or <c>null</c> when the model has no cached-input price.</summary>
        public decimal? CachedInput { get; }

        /// <summary>US dollars per million output tokens.</summary>
        public decimal Output { get; }

        /// <summary>The cost of a usage at these prices: uncached input, cached input and output each at their price.</summary>
        /// <param name="usage">The usage.</param>
        /// <returns>US dollars.</returns>
        public decimal CostOf(LlmUsage usage)
        {
            long cached = System.Math.Min(usage.CachedInputTokens, usage.InputTokens);
            return (((usage.InputTokens - cached) * Input) + (cached * (CachedInput ?? Input)) + (usage.OutputTokens * Output)) / Million;
        }

        /// <summary>The cost of an estimated number of input and output tokens (no cache assumed).</summary>
        internal decimal Estimate(long inputTokens, long outputTokens) => ((inputTokens * Input) + (outputTokens * Output)) / Million;
    }
}
