using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>
    /// What <c>LlmGuard.RunValidatedAsync</c> hands the call when it re-asks the model: why the previous answer was rejected
    /// and a ready-made <see cref="Instruction"/>. Add the previous answer as an assistant message and the instruction as a
    /// user message after it, then send the conversation again.
    /// </summary>
    public sealed class LlmRepairRequest
    {
        /// <summary>Creates a repair request.</summary>
        /// <param name="attempt">Which re-ask this is: 1 for the first.</param>
        /// <param name="errors">Why the previous answer was rejected, each with its JSON path.</param>
        /// <param name="previousOutput">The previous answer's text, or <c>null</c> when it had none.</param>
        /// <param name="previousStatus">How the previous answer ended.</param>
        /// <param name="instruction">The message asking the model to fix the answer.</param>
        public LlmRepairRequest(int attempt, IReadOnlyList<LlmValidationError> errors, string? previousOutput, LlmCompletionStatus previousStatus, string instruction)
        {
            Attempt = attempt;
            Errors = errors;
            PreviousOutput = previousOutput;
            PreviousStatus = previousStatus;
            Instruction = instruction;
        }

        /// <summary>Which re-ask this is: 1 for the first.</summary>
        public int Attempt { get; }

        /// <summary>Why the previous answer was rejected, each with its JSON path.</summary>
        public IReadOnlyList<LlmValidationError> Errors { get; }

        /// <summary>The previous answer's text, or <c>null</c> when it had none (filtered, or an empty reply).</summary>
        public string? PreviousOutput { get; }

        /// <summary>How the previous answer ended (<see cref="LlmCompletionKind.Truncated"/> when it was cut off).</summary>
        public LlmCompletionStatus PreviousStatus { get; }

        /// <summary>
        /// The message to send as the next user turn: it lists every error with its path and asks for corrected JSON only; for
        /// a cut-off answer it asks for a shorter one.
        /// </summary>
        public string Instruction { get; }
    }
}
