using System;
using System.Collections.Generic;
using System.Globalization;

namespace LlmPreflight
{
    /// <summary>
    /// A prompt was refused before the call: its input tokens exceed the limit, or its estimated cost (input plus
    /// the output bound, at the model's price) exceeds the cost limit. Nothing was sent. The message says by how
    /// much and what to change.
    /// </summary>
    public sealed class LlmPromptTooLargeException : Exception
    {
        internal LlmPromptTooLargeException(LlmPromptEstimate estimate, long? maxInputTokens, decimal? maxCost)
            : this(estimate, maxInputTokens, maxCost, BuildMessage(estimate, maxInputTokens, maxCost))
        {
        }

        /// <summary>A refusal whose message names another setting than the check's parameters (the input guard's bound).</summary>
        internal LlmPromptTooLargeException(LlmPromptEstimate estimate, long maxInputTokens, string message)
            : this(estimate, maxInputTokens, null, message)
        {
        }

        private LlmPromptTooLargeException(LlmPromptEstimate estimate, long? maxInputTokens, decimal? maxCost, string message)
            : base(message)
        {
            Model = estimate.Model;
            InputTokens = estimate.InputTokens;
            MaxInputTokens = maxInputTokens;
            MaxOutputTokens = estimate.MaxOutputTokens;
            EstimatedCost = estimate.EstimatedCost;
            MaxCost = maxCost;
        }

        /// <summary>The model the prompt was counted and priced for.</summary>
        public string Model { get; }

        /// <summary>The prompt's input tokens (exact or estimated, as the count says).</summary>
        public LlmTokenCount InputTokens { get; }

        /// <summary>The input token limit, if one was checked.</summary>
        public long? MaxInputTokens { get; }

        /// <summary>The output bound included in the cost estimate.</summary>
        public long? MaxOutputTokens { get; }

        /// <summary>The estimated cost in US dollars, if the model has a price.</summary>
        public decimal? EstimatedCost { get; }

        /// <summary>The cost limit in US dollars, if one was checked.</summary>
        public decimal? MaxCost { get; }

        /// <summary>How many input tokens over <see cref="MaxInputTokens"/> the prompt is (0 when within it).</summary>
        public long TokensOver => MaxInputTokens is long max && InputTokens.Tokens > max ? InputTokens.Tokens - max : 0;

        /// <summary>How many US dollars over <see cref="MaxCost"/> the estimate is (0 when within it).</summary>
        public decimal CostOver => MaxCost is decimal max && EstimatedCost is decimal cost && cost > max ? cost - max : 0;

        private static string BuildMessage(LlmPromptEstimate estimate, long? maxInputTokens, decimal? maxCost)
        {
            var reasons = new List<string>();
            CultureInfo c = CultureInfo.InvariantCulture;
            if (maxInputTokens is long maxTokens && estimate.InputTokens.Tokens > maxTokens)
            {
                reasons.Add(string.Format(c, "its {0:N0} input tokens ({1}) are {2:N0} over maxInputTokens ({3:N0}); shorten the prompt (fewer or shorter messages, a summary of older turns) or raise maxInputTokens",
                    estimate.InputTokens.Tokens, Describe(estimate.InputTokens), estimate.InputTokens.Tokens - maxTokens, maxTokens));
            }

            if (maxCost is decimal max && estimate.EstimatedCost is decimal cost && cost > max)
            {
                reasons.Add(string.Format(c, "its estimated cost of {0} USD ({1:N0} input tokens at {2} and {3:N0} output tokens at {4} USD per million) is {5} USD over maxCost ({6} USD); shorten the prompt, lower the output bound, choose a cheaper model, or raise maxCost",
                    Usd(cost), estimate.InputTokens.Tokens, Usd(estimate.Price!.Input), estimate.MaxOutputTokens ?? 0, Usd(estimate.Price.Output), Usd(cost - max), Usd(max)));
            }

            return $"The prompt for model '{estimate.Model}' was refused before the call: " + string.Join("; and ", reasons) + ".";
        }

        private static string Describe(LlmTokenCount count) => (count.IsExact ? "exact, " : "estimate, ") + count.Method;

        private static string Usd(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
    }
}
