using System;

namespace LlmPreflight
{
    /// <summary>
    /// A model's output did not finish normally: it was cut off at the output token limit, stopped by a content
    /// filter, refused, or left incomplete. The message says what happened and what to change.
    /// </summary>
    public sealed class LlmIncompleteOutputException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="status">How the output ended.</param>
        public LlmIncompleteOutputException(LlmCompletionStatus status)
            : base(Describe(status))
        {
            Status = status;
        }

        /// <summary>How the output ended.</summary>
        public LlmCompletionStatus Status { get; }

        /// <summary>One sentence on what happened and the fix, shared with the validation errors of a rejected output.</summary>
        internal static string Describe(LlmCompletionStatus status)
        {
            string reason = status.Reason is null ? string.Empty : $" ({Quote(status.Reason)})";
            switch (status.Kind)
            {
                case LlmCompletionKind.Truncated:
                    return $"The output was cut off at the output token limit{reason}, so it is incomplete. Raise the maximum output tokens "
                        + "(OpenAI MaxOutputTokenCount, Anthropic MaxTokens, Microsoft.Extensions.AI ChatOptions.MaxOutputTokens) or ask for a shorter answer.";
                case LlmCompletionKind.Filtered:
                    return $"The provider's content filter stopped the output{reason}. Change the prompt or the input that triggered it, or review the deployment's content filter settings.";
                case LlmCompletionKind.Refused:
                    string said = string.IsNullOrEmpty(status.Detail) ? string.Empty : $": \"{Shorten(status.Detail!)}\"";
                    return $"The model refused to answer{reason}{said}. Rephrase the request, or handle the refusal as an answer.";
                case LlmCompletionKind.Incomplete:
                    return $"The response did not finish{reason}. Check the response's status details and retry or continue the response.";
                default:
                    return $"The output ended as {status}.";
            }
        }

        private static string Quote(string reason) => "'" + reason + "'";

        private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "…";
    }
}
