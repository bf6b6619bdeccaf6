namespace LlmPreflight
{
    /// <summary>
    /// What the guard knows about the calls inside a <see cref="LlmGuard.BeginScope(LlmCallContext)"/> scope:
    /// the prompt they serve (for cost attribution) and, optionally, what the budget estimate needs.
    /// </summary>
    public sealed class LlmCallContext
    {
        /// <summary>The prompt's id, e.g. <c>"faq-answer"</c>; costs are summed per prompt id.</summary>
        public string? PromptId { get; set; }

        /// <summary>The prompt's version, e.g. <c>"3"</c>; recorded with each cost record and on the activity.</summary>
        public string? PromptVersion { get; set; }

        /// <summary>The A/B experiment that chose the prompt, or <c>null</c>; recorded as <c>llmpreflight.prompt.experiment</c>.</summary>
        public string? PromptExperiment { get; set; }

        /// <summary>The experiment's variant, e.g. <c>"concise"</c>; recorded as <c>llmpreflight.prompt.variant</c>, and costs are summed per variant.</summary>
        public string? PromptVariant { get; set; }

        /// <summary>The requested model (<c>gen_ai.request.model</c>); prices the budget estimate and any response that names no model.</summary>
        public string? Model { get; set; }

        /// <summary>Overrides the provider read from the result type (e.g. <c>azure.ai.openai</c>, which returns OpenAI's types).</summary>
        public string? Provider { get; set; }

        /// <summary>The request's input size in characters; the budget estimate takes a quarter of it as tokens.</summary>
        public long? InputCharacters { get; set; }

        /// <summary>A token estimate of the input; preferred over <see cref="InputCharacters"/> when both are set.</summary>
        public long? EstimatedInputTokens { get; set; }

        /// <summary>The request's output bound (max tokens); the budget estimate adds it at the output price.</summary>
        public long? MaxOutputTokens { get; set; }

        /// <summary>The estimated input tokens: the supplied estimate, else characters / 4 rounded up, else 0.</summary>
        internal long InputTokenEstimate => EstimatedInputTokens ?? (InputCharacters is long chars ? (chars + 3) / 4 : 0);

        internal LlmCallContext Copy() => (LlmCallContext)MemberwiseClone();
    }
}
