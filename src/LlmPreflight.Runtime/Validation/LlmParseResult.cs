using System;
using System.Collections.Generic;
using LlmPreflight.Internal.Validation;

namespace LlmPreflight
{
    /// <summary>The outcome of reading a model's output as a <typeparamref name="T"/>: the value, or every reason it was rejected.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    public sealed class LlmParseResult<T>
    {
        private static readonly IReadOnlyList<LlmValidationError> NoErrors = Array.Empty<LlmValidationError>();
        private string? _repairInstruction;

        internal LlmParseResult(T value, IReadOnlyList<LlmValidationError>? errors, string? text, string? json, LlmCompletionStatus status)
        {
            Errors = errors ?? NoErrors;
            Value = Errors.Count == 0 ? value : default;
            Text = text;
            Json = json;
            Status = status;
        }

        /// <summary>Whether the output was read and passed every check.</summary>
        public bool IsValid => Errors.Count == 0;

        /// <summary>The value when <see cref="IsValid"/>; otherwise <c>default</c>.</summary>
        public T? Value { get; }

        /// <summary>Every reason the output was rejected, each with its JSON path; empty when valid.</summary>
        public IReadOnlyList<LlmValidationError> Errors { get; }

        /// <summary>The model's text as it was given.</summary>
        public string? Text { get; }

        /// <summary>The JSON found in <see cref="Text"/> (without fences and chatter), or <c>null</c> when none was found.</summary>
        public string? Json { get; }

        /// <summary>How the output ended, when it was read from an SDK result; <see cref="LlmCompletionKind.Unknown"/> for plain text.</summary>
        public LlmCompletionStatus Status { get; }

        /// <summary>
        /// A message to send back to the model (as a user message after its reply) asking it to fix the listed problems, or
        /// to answer shorter when it was cut off; empty when valid.
        /// </summary>
        public string RepairInstruction => IsValid ? string.Empty : _repairInstruction ??= RepairInstructions.Build(Errors, Status);

        /// <summary>The value when valid; otherwise throws.</summary>
        /// <returns>The value.</returns>
        /// <exception cref="LlmOutputValidationException">The output was rejected; the exception lists the errors.</exception>
        public T GetValueOrThrow() => IsValid ? Value! : throw new LlmOutputValidationException(typeof(T), Errors, Text, Status);

        /// <summary>"valid" or the errors, one per line.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => IsValid ? "valid" : string.Join(Environment.NewLine, Errors);
    }
}
