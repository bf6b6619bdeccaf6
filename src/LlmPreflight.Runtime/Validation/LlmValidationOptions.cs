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
        /// Every round costs a full call (the whole conversation again as input) and its latency. Two gives a bad answer two
        /// chances to be corrected while bounding the call at three answers; an answer still wrong after two precise error
        /// lists usually points at the prompt or the schema rather than bad luck.
        /// </remarks>
        public int MaxRepairAttempts { get; set; } = DefaultMaxRepairAttempts;
    }
}
