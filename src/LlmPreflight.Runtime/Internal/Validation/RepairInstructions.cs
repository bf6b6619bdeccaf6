using System.Collections.Generic;
using System.Text;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>
    /// The message that asks a model to correct its reply. It names every problem with its path (a model fixes what it
    /// is told precisely), and for a cut-off reply asks for a shorter one: repeating the same request would be cut again.
    /// </summary>
    internal static class RepairInstructions
    {
        public static string Build(IReadOnlyList<LlmValidationError> errors, LlmCompletionStatus status)
        {
            var text = new StringBuilder();
            switch (status.Kind)
            {
                case LlmCompletionKind.Truncated:
                    return "Your previous reply was cut off because it reached the output length limit, so its JSON is incomplete. "
                        + "Reply again with a shorter answer: only the JSON, with no explanations, no code fences and no extra whitespace, and keep text values brief.";
                case LlmCompletionKind.Filtered:
                    return "Your previous reply was stopped by the content filter. Reply again with only the JSON, leaving out the content that was filtered.";
                case LlmCompletionKind.Refused:
                    return "Your previous reply was a refusal. If the request can be answered, reply with only the JSON it asks for.";
                case LlmCompletionKind.Incomplete:
                    return "Your previous reply did not finish. Reply again with the complete JSON only.";
            }

            text.Append("Your previous reply could not be used because its JSON is not valid:");
            foreach (LlmValidationError error in errors)
            {
                text.Append('\n').Append("- ");
                if (error.Path != JsonPaths.Root)
                {
                    text.Append(error.Path).Append(": ");
                }

                text.Append(error.Message);
            }

            text.Append('\n').Append("Reply again with the corrected JSON only: no explanations and no code fences.");
            return text.ToString();
        }
    }
}
