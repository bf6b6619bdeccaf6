using System.Diagnostics;
using LlmPreflight.Internal.Metering;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>Records the validation counters, tagged with the policy, the prompt in scope and why the answer failed.</summary>
    internal static class ValidationMetrics
    {
        public static void Failure(string policy, LlmCallContext? context, LlmCompletionStatus status)
        {
            if (Telemetry.ValidationFailures.Enabled)
            {
                Telemetry.ValidationFailures.Add(1, Tags(policy, context, status));
            }
        }

        public static void Repair(string policy, LlmCallContext? context, LlmCompletionStatus status)
        {
            if (Telemetry.ValidationRepairs.Enabled)
            {
                Telemetry.ValidationRepairs.Add(1, Tags(policy, context, status));
            }
        }

        // The prompt's id, version, experiment and variant, as on the guard's other instruments, so variants can be
        // compared on validation failures too.
        private static TagList Tags(string policy, LlmCallContext? context, LlmCompletionStatus status)
        {
            var tags = new TagList
            {
                { "llmpreflight.policy", policy },
                { "llmpreflight.validation.failure", Failure(status) },
            };
            PromptTags.Add(ref tags, context);
            return tags;
        }

        /// <summary>Low-cardinality reason: "invalid" for output that was complete but wrong, else how it ended.</summary>
        private static string Failure(LlmCompletionStatus status)
            => status.Kind switch
            {
                LlmCompletionKind.Truncated => "truncated",
                LlmCompletionKind.Filtered => "filtered",
                LlmCompletionKind.Refused => "refused",
                LlmCompletionKind.Incomplete => "incomplete",
                _ => "invalid",
            };
    }
}
