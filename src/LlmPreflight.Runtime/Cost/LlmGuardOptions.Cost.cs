namespace LlmPreflight
{
    /// <summary>Cost tracking settings (see docs/runtime.md, "Cost tracking and telemetry").</summary>
    public sealed partial class LlmGuardOptions
    {
        /// <summary>
        /// The price table: a copy of the built-in one (<see cref="LlmPriceTable.CreateDefault"/>) that you may
        /// change, e.g. <c>options.Prices.Set("my-model", input: 1.00m, cachedInput: 0.10m, output: 4.00m)</c>.
        /// Copied when the configuration is applied.
        /// </summary>
        public LlmPriceTable Prices { get; set; } = LlmPriceTable.CreateDefault();

        /// <summary>
        /// Where billed attempts are recorded; <see cref="LlmGuard.Costs"/> returns it. Default: a new
        /// in-memory <see cref="LlmCostTracker"/> per configuration. Pass your own instance to keep sums
        /// across <see cref="LlmGuard.Configure"/> calls or to forward records elsewhere.
        /// </summary>
        public ILlmCostTracker CostTracker { get; set; } = new LlmCostTracker();
    }
}
