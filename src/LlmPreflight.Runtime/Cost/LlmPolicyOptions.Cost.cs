namespace LlmPreflight
{
    /// <summary>Budget settings of a policy.</summary>
    public sealed partial class LlmPolicyOptions
    {
        /// <summary>
        /// The policy's spending limit per period, or <c>null</c> (the default) for none. Before each call the
        /// guard estimates its cost from the <see cref="LlmCallContext"/> in scope (input tokens, or characters / 4,
        /// plus <see cref="LlmCallContext.MaxOutputTokens"/>, at the model's price) and blocks it with
        /// <see cref="LlmBudgetExceededException"/> (or returns the policy's fallback for the result type) when the
        /// estimate exceeds what is left; a call with no estimate is blocked only once the budget is used up.
        /// After the call the estimate is replaced by the actual cost.
        /// </summary>
        public LlmBudget? Budget { get; set; }
    }
}
