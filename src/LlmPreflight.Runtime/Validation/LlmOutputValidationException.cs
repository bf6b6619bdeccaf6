using System;
using System.Collections.Generic;
using System.Text;
using LlmPreflight.Internal.Validation;

namespace LlmPreflight
{
    /// <summary>
    /// A model's output could not be used as the requested type: not JSON, the wrong shape, a broken rule, or cut off.
    /// <see cref="Errors"/> lists every problem with its JSON path.
    /// </summary>
    public sealed class LlmOutputValidationException : Exception
    {
        /// <summary>Creates the exception for one output that was rejected.</summary>
        /// <param name="targetType">The type the output was read as.</param>
        /// <param name="errors">Every problem, each with its JSON path.</param>
        /// <param name="text">The model's text.</param>
        /// <param name="status">How the output ended.</param>
        public LlmOutputValidationException(Type targetType, IReadOnlyList<LlmValidationError> errors, string? text, LlmCompletionStatus status)
            : this(targetType, errors, text, status, attempts: 1, policyName: null)
        {
        }

        /// <summary>Creates the exception for the last of several outputs (a re-ask loop).</summary>
        /// <param name="targetType">The type the output was read as.</param>
        /// <param name="errors">Every problem of the last output, each with its JSON path.</param>
        /// <param name="text">The last output's text.</param>
        /// <param name="status">How the last output ended.</param>
        /// <param name="attempts">How many outputs were tried (the first answer plus the re-asks).</param>
        /// <param name="policyName">The guard policy the calls ran under, or <c>null</c>.</param>
        public LlmOutputValidationException(Type targetType, IReadOnlyList<LlmValidationError> errors, string? text, LlmCompletionStatus status, int attempts, string? policyName)
            : base(BuildMessage(targetType, errors, status, attempts, policyName))
        {
            TargetType = targetType;
            Errors = errors;
            Text = text;
            Status = status;
            Attempts = attempts;
            PolicyName = policyName;
        }

        /// <summary>The type the output was read as.</summary>
        public Type TargetType { get; }

        /// <summary>Every problem of the (last) output, each with its JSON path.</summary>
        public IReadOnlyList<LlmValidationError> Errors { get; }

        /// <summary>The (last) output's text.</summary>
        public string? Text { get; }

        /// <summary>How the (last) output ended.</summary>
        public LlmCompletionStatus Status { get; }

        /// <summary>How many outputs were tried: 1, or the first answer plus the re-asks.</summary>
        public int Attempts { get; }

        /// <summary>The guard policy the calls ran under, or <c>null</c> for a direct parse.</summary>
        public string? PolicyName { get; }

        private static string BuildMessage(Type targetType, IReadOnlyList<LlmValidationError> errors, LlmCompletionStatus status, int attempts, string? policyName)
        {
            var text = new StringBuilder();
            text.Append("The model's output is not a valid ").Append(TypeNames.Display(targetType));
            if (policyName != null)
            {
                text.Append(" after ").Append(attempts).Append(attempts == 1 ? " answer" : " answers").Append(" under policy '").Append(policyName).Append('\'');
            }

            text.Append(errors.Count == 1 ? ":" : $" ({errors.Count} problems):");
            foreach (LlmValidationError error in errors)
            {
                text.Append(Environment.NewLine).Append("- ").Append(error);
            }

            text.Append(Environment.NewLine);
            if (status.Kind == LlmCompletionKind.Truncated)
            {
                text.Append("Raise the maximum output tokens or ask for a shorter answer.");
            }
            else if (policyName != null)
            {
                text.Append($"Make the prompt or the response schema stricter, raise {nameof(LlmPolicyOptions.Validation)}.{nameof(LlmValidationOptions.MaxRepairAttempts)} "
                    + $"of policy '{policyName}', or give the policy a fallback with AddFallback<{TypeNames.Display(targetType)}>(...).");
            }
            else
            {
                text.Append("Use LlmOutput.Parse to get these errors without an exception, or LlmGuard.RunValidatedAsync to re-ask the model with them.");
            }

            return text.ToString();
        }
    }
}
