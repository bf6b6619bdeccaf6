namespace LlmPreflight
{
    /// <summary>Output validation settings of a policy.</summary>
    public sealed partial class LlmPolicyOptions
    {
        /// <summary>How <c>LlmGuard.RunValidatedAsync</c> re-asks the model when its output does not validate.</summary>
        public LlmValidationOptions Validation { get; } = new LlmValidationOptions();
    }
}
