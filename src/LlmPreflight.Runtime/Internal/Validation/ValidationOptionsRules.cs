using System.Collections.Generic;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>The configuration rules of <see cref="LlmValidationOptions"/>, reported with the other policy problems.</summary>
    internal static class ValidationOptionsRules
    {
        public const int MaxRepairAttemptsLimit = 10;

        public static void Check(string prefix, LlmValidationOptions options, List<string> problems)
        {
            // The sentence starts with the bare setting name, which is also its configuration key, so a value read from
            // appsettings is reported with its key path.
            int attempts = options.MaxRepairAttempts;
            if (attempts < 0 || attempts > MaxRepairAttemptsLimit)
            {
                problems.Add(prefix + $"{nameof(LlmValidationOptions.MaxRepairAttempts)} (Validation.MaxRepairAttempts) is {attempts}. Set it between 0 (no re-ask) and {MaxRepairAttemptsLimit}; "
                    + $"{LlmValidationOptions.DefaultMaxRepairAttempts} suits most prompts, and an answer still invalid after a few re-asks points at the prompt or the schema.");
            }
        }
    }
}
