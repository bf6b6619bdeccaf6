namespace LlmPreflight
{
    /// <summary>Costs summed for one policy, model, prompt id and A/B variant, as <see cref="ILlmCostTracker.Snapshot"/> returns them.</summary>
    public sealed class LlmCostLine
    {
        /// <summary>Creates a line.</summary>
        /// <param name="policyName">The policy.</param>
        /// <param name="model">The model, or <c>null</c> for calls whose model is unknown.</param>
        /// <param name="promptId">The prompt id, or <c>null</c> for calls outside a prompt scope.</param>
        /// <param name="calls">Billed attempts.</param>
        /// <param name="unpricedCalls">Billed attempts whose cost is unknown (no usage reported, or no price for the model); not in <paramref name="cost"/>.</param>
        /// <param name="inputTokens">Input tokens, cached included.</param>
        /// <param name="cachedInputTokens">Cached input tokens.</param>
        /// <param name="outputTokens">Output tokens.</param>
        /// <param name="cost">The summed cost of the priced attempts, US dollars.</param>
        public LlmCostLine(string policyName, string? model, string? promptId, long calls, long unpricedCalls, long inputTokens, long cachedInputTokens, long outputTokens, decimal cost)
            : this(policyName, model, promptId, null, null, calls, unpricedCalls, inputTokens, cachedInputTokens, outputTokens, cost)
        {
        }

        /// <summary>Creates a line for one variant of an A/B experiment.</summary>
        /// <param name="policyName">The policy.</param>
        /// <param name="model">The model, or <c>null</c> for calls whose model is unknown.</param>
        /// <param name="promptId">The prompt id, or <c>null</c> for calls outside a prompt scope.</param>
        /// <param name="promptExperiment">The experiment, or <c>null</c> for calls no experiment chose.</param>
        /// <param name="promptVariant">The variant, or <c>null</c>.</param>
        /// <param name="calls">Billed attempts.</param>
        /// <param name="unpricedCalls">Billed attempts whose cost is unknown (no usage reported, or no price for the model); not in <paramref name="cost"/>.</param>
        /// <param name="inputTokens">Input tokens, cached included.</param>
        /// <param name="cachedInputTokens">Cached input tokens.</param>
        /// <param name="outputTokens">Output tokens.</param>
        /// <param name="cost">The summed cost of the priced attempts, US dollars.</param>
        public LlmCostLine(string policyName, string? model, string? promptId, string? promptExperiment, string? promptVariant, long calls, long unpricedCalls, long inputTokens, long cachedInputTokens, long outputTokens, decimal cost)
        {
            PolicyName = policyName;
            Model = model;
            PromptId = promptId;
            PromptExperiment = promptExperiment;
            PromptVariant = promptVariant;
            Calls = calls;
            UnpricedCalls = unpricedCalls;
            InputTokens = inputTokens;
            CachedInputTokens = cachedInputTokens;
            OutputTokens = outputTokens;
            Cost = cost;
        }

        /// <summary>The policy.</summary>
        public string PolicyName { get; }

        /// <summary>The model, or <c>null</c> when unknown.</summary>
        public string? Model { get; }

        /// <summary>The prompt id, or <c>null</c>.</summary>
        public string? PromptId { get; }

        /// <summary>The A/B experiment, or <c>null</c>.</summary>
        public string? PromptExperiment { get; }

        /// <summary>The A/B variant, or <c>null</c>.</summary>
        public string? PromptVariant { get; }

        /// <summary>Billed attempts.</summary>
        public long Calls { get; }

        /// <summary>Billed attempts whose cost is unknown; they are not in <see cref="Cost"/>.</summary>
        public long UnpricedCalls { get; }

        /// <summary>Input tokens, cached included.</summary>
        public long InputTokens { get; }

        /// <summary>Cached input tokens.</summary>
        public long CachedInputTokens { get; }

        /// <summary>Output tokens.</summary>
        public long OutputTokens { get; }

        /// <summary>The summed cost of the priced attempts, US dollars.</summary>
        public decimal Cost { get; }
    }
}
