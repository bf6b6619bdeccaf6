namespace LlmPreflight
{
    /// <summary>Output validation settings of a policy, used by <c>LlmGuard.RunValidatedAsync</c>.</summary>
    public sealed class LlmValidationOptions
    {
        /// <summary>The most re-asks it sends. Default 2, so at most 3 answers.</summary>
        public const int DefaultMaxRepairAttempts = 2;

        /// <summary>
        /// How many times an invalid (or cut-off) answer is sent back to the model with its errors before the policy's fallback
        /// for the value type applies, or <see cref="LlmOutputValidationException"/> is thrown. 0 turns re-asking off.
        /// Default 2 (at most 3 answers); allowed 0 to 10.
        /// </summary>
        /// <remarks>
        /// A re-ask that lists the errors fixes most fixable answers at the first try and a few more at the second; an answer
        /// still wrong after that usually points at the prompt or the schema, and every further round costs a full call
        /// (the whole conversation again as input) and its latency.
        /// </remarks>
        public int MaxRepairAttempts { get; set; } = DefaultMaxRepairAttempts;
    }
}
