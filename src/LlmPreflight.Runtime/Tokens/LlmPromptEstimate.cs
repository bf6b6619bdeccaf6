using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace LlmPreflight
{
    /// <summary>
    /// What a prompt will cost before it is sent: its input tokens for the model (exact for OpenAI models, an
    /// estimate otherwise), the output bound, and the resulting cost at the model's price. <see cref="Check"/>
    /// refuses a prompt over a token or cost limit; <see cref="BeginScope"/> hands the counts to the guard, so the
    /// policy's budget and tokens-per-minute limiter work with them instead of a character estimate.
    /// </summary>
    /// <example>
    /// <code>
    /// LlmPromptEstimate estimate = LlmPromptEstimate.For(messages, "gpt-4o-mini", maxOutputTokens: 500)
    ///     .Check(maxInputTokens: 8_000, maxCost: 0.01m);
    /// using (estimate.BeginScope(promptId: "faq"))
    /// {
    ///     var answer = await LlmGuard.RunAsync(ct =&gt; chat.GetResponseAsync(messages, options, ct), cancellationToken);
    /// }
    /// </code>
    /// </example>
    public sealed class LlmPromptEstimate
    {
        private LlmPromptEstimate(string model, LlmTokenCount inputTokens, long? maxOutputTokens, LlmPrice? price)
        {
            Model = model;
            InputTokens = inputTokens;
            MaxOutputTokens = maxOutputTokens;
            Price = price;
            EstimatedCost = price?.Estimate(inputTokens.Tokens, maxOutputTokens ?? 0);
        }

        /// <summary>The model the prompt is counted and priced for.</summary>
        public string Model { get; }

        /// <summary>The prompt's input tokens, with whether the count is exact.</summary>
        public LlmTokenCount InputTokens { get; }

        /// <summary>The output bound (the request's max tokens), included in the cost at the output price.</summary>
        public long? MaxOutputTokens { get; }

        /// <summary>The model's price, or <c>null</c> when the price table has none.</summary>
        public LlmPrice? Price { get; }

        /// <summary>Input tokens at the input price plus <see cref="MaxOutputTokens"/> at the output price (no cache assumed); <c>null</c> without a price.</summary>
        public decimal? EstimatedCost { get; }

        /// <summary>Counts a plain text prompt (no chat framing: a completion prompt or an embedding input).</summary>
        /// <param name="prompt">The text.</param>
        /// <param name="model">The model, e.g. <c>"gpt-4o-mini"</c>.</param>
        /// <param name="maxOutputTokens">The request's output bound, if any.</param>
        /// <param name="prices">The prices to use; default: the current <see cref="LlmGuard.Configure"/> configuration's table.</param>
        /// <returns>The estimate.</returns>
        public static LlmPromptEstimate For(string prompt, string model, long? maxOutputTokens = null, LlmPriceTable? prices = null)
        {
            LlmTokenCounter counter = Counter(model, maxOutputTokens);
            return Create(counter, counter.CountTokens(prompt ?? throw new ArgumentNullException(nameof(prompt))), maxOutputTokens, prices);
        }

        /// <summary>
        /// Counts a rendered catalog prompt (<see cref="LlmPrompt"/>), with the per-message framing, for the prompt's
        /// own model unless <paramref name="model"/> names another.
        /// </summary>
        /// <param name="prompt">The rendered prompt.</param>
        /// <param name="model">The model; default: the prompt file's model.</param>
        /// <param name="maxOutputTokens">The request's output bound, if any.</param>
        /// <param name="prices">The prices to use; default: the current configuration's table.</param>
        /// <returns>The estimate.</returns>
        public static LlmPromptEstimate For(LlmPrompt prompt, string? model = null, long? maxOutputTokens = null, LlmPriceTable? prices = null)
        {
            if (prompt is null)
            {
                throw new ArgumentNullException(nameof(prompt));
            }

            string chosen = model ?? prompt.Model
                ?? throw new ArgumentException($"Prompt '{prompt.Id}' names no model; pass the model the request will use.", nameof(model));
            return For(prompt.Messages, chosen, maxOutputTokens, prices);
        }

        /// <summary>Counts a chat prompt of role/text messages, with the per-message framing.</summary>
        /// <param name="messages">The messages.</param>
        /// <param name="model">The model, e.g. <c>"gpt-4o-mini"</c>.</param>
        /// <param name="maxOutputTokens">The request's output bound, if any.</param>
        /// <param name="prices">The prices to use; default: the current configuration's table.</param>
        /// <returns>The estimate.</returns>
        public static LlmPromptEstimate For(IEnumerable<LlmPromptMessage> messages, string model, long? maxOutputTokens = null, LlmPriceTable? prices = null)
        {
            LlmTokenCounter counter = Counter(model, maxOutputTokens);
            return Create(counter, counter.CountChatTokens(messages), maxOutputTokens, prices);
        }

        /// <summary>Counts a Microsoft.Extensions.AI chat prompt, with the per-message framing.</summary>
        /// <param name="messages">The messages.</param>
        /// <param name="model">The model, e.g. <c>"gpt-4o-mini"</c>.</param>
        /// <param name="maxOutputTokens">The request's output bound (<c>ChatOptions.MaxOutputTokens</c>), if any.</param>
        /// <param name="prices">The prices to use; default: the current configuration's table.</param>
        /// <returns>The estimate.</returns>
        public static LlmPromptEstimate For(IEnumerable<ChatMessage> messages, string model, long? maxOutputTokens = null, LlmPriceTable? prices = null)
        {
            LlmTokenCounter counter = Counter(model, maxOutputTokens);
            return Create(counter, counter.CountChatTokens(messages), maxOutputTokens, prices);
        }

        /// <summary>
        /// Refuses the prompt when it is over a limit; a <c>null</c> limit is not checked.
        /// </summary>
        /// <param name="maxInputTokens">The most input tokens the prompt may have.</param>
        /// <param name="maxCost">The most the call may cost, in US dollars (input plus the output bound).</param>
        /// <returns>This estimate, for chaining.</returns>
        /// <exception cref="LlmPromptTooLargeException">The prompt is over a limit; the message says by how much and what to change.</exception>
        /// <exception cref="LlmGuardConfigurationException"><paramref name="maxCost"/> is set but the model has no price.</exception>
        public LlmPromptEstimate Check(long? maxInputTokens = null, decimal? maxCost = null)
            => TryCheck(maxInputTokens, maxCost, out LlmPromptTooLargeException? refused) ? this : throw refused!;

        /// <summary>As <see cref="Check"/>, returning the refusal instead of throwing it.</summary>
        /// <param name="maxInputTokens">The most input tokens the prompt may have.</param>
        /// <param name="maxCost">The most the call may cost, in US dollars.</param>
        /// <param name="refused">The refusal when the prompt is over a limit, else <c>null</c>.</param>
        /// <returns>Whether the prompt is within the limits.</returns>
        /// <exception cref="LlmGuardConfigurationException"><paramref name="maxCost"/> is set but the model has no price.</exception>
        public bool TryCheck(long? maxInputTokens, decimal? maxCost, out LlmPromptTooLargeException? refused)
        {
            if (maxInputTokens < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxInputTokens), maxInputTokens, "The input token limit cannot be negative.");
            }

            if (maxCost < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxCost), maxCost, "The cost limit cannot be negative.");
            }

            if (maxCost != null && EstimatedCost is null)
            {
                // A cost limit that cannot be checked would pass every prompt silently: say so instead.
                throw new LlmGuardConfigurationException(new[]
                {
                    $"model '{Model}' has no price, so the prompt's cost cannot be checked against maxCost. "
                    + $"Price it with LlmGuard.Configure(o => o.Prices.Set(\"{Model}\", input: ..., cachedInput: ..., output: ...)), or check the tokens only (maxCost: null).",
                });
            }

            bool tooManyTokens = maxInputTokens is long maxTokens && InputTokens.Tokens > maxTokens;
            bool tooExpensive = maxCost is decimal max && EstimatedCost > max;
            refused = tooManyTokens || tooExpensive ? new LlmPromptTooLargeException(this, maxInputTokens, maxCost) : null;
            return refused is null;
        }

        /// <summary>
        /// A call context carrying this estimate (<see cref="LlmCallContext.Model"/>, <see cref="LlmCallContext.EstimatedInputTokens"/>,
        /// <see cref="LlmCallContext.MaxOutputTokens"/>) for <see cref="LlmGuard.BeginScope(LlmCallContext)"/>.
        /// </summary>
        /// <param name="promptId">The prompt's id, for cost attribution.</param>
        /// <param name="version">The prompt's version.</param>
        /// <returns>A new context.</returns>
        public LlmCallContext ToCallContext(string? promptId = null, string? version = null) => new LlmCallContext
        {
            PromptId = promptId,
            PromptVersion = version,
            Model = Model,
            EstimatedInputTokens = InputTokens.Tokens,
            MaxOutputTokens = MaxOutputTokens,
        };

        /// <summary>
        /// Runs the guarded calls made on this async flow, until the scope is disposed, with this estimate: the
        /// policy's budget check and tokens-per-minute limiter use its token counts.
        /// </summary>
        /// <param name="promptId">The prompt's id, for cost attribution.</param>
        /// <param name="version">The prompt's version.</param>
        /// <returns>Dispose it to end the scope.</returns>
        public IDisposable BeginScope(string? promptId = null, string? version = null) => LlmGuard.BeginScope(ToCallContext(promptId, version));

        private static LlmTokenCounter Counter(string model, long? maxOutputTokens)
        {
            if (maxOutputTokens < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxOutputTokens), maxOutputTokens, "The output bound cannot be negative.");
            }

            return LlmTokenCounter.ForModel(model);
        }

        private static LlmPromptEstimate Create(LlmTokenCounter counter, LlmTokenCount input, long? maxOutputTokens, LlmPriceTable? prices)
        {
            LlmPriceTable table = prices ?? LlmGuard.CurrentPrices;
            return new LlmPromptEstimate(counter.Model!, input, maxOutputTokens, table.TryGet(counter.Model, out LlmPrice price) ? price : null);
        }
    }
}
