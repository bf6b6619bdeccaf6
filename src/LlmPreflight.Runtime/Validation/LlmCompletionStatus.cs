using System;

namespace LlmPreflight
{
    /// <summary>How a model's output ended: the normalised <see cref="Kind"/> and the SDK's own reason text.</summary>
    public readonly struct LlmCompletionStatus : IEquatable<LlmCompletionStatus>
    {
        /// <summary>Creates a status.</summary>
        /// <param name="kind">The normalised kind.</param>
        /// <param name="reason">The reason as the SDK gave it (<c>"length"</c>, <c>"Length"</c>, <c>"max_tokens"</c>, ...), or <c>null</c>.</param>
        /// <param name="detail">More text when the SDK has it, such as OpenAI's refusal message.</param>
        public LlmCompletionStatus(LlmCompletionKind kind, string? reason, string? detail = null)
        {
            Kind = kind;
            Reason = reason;
            Detail = detail;
        }

        /// <summary>The normalised kind.</summary>
        public LlmCompletionKind Kind { get; }

        /// <summary>The finish reason, stop reason or status as the SDK gave it, or <c>null</c>.</summary>
        public string? Reason { get; }

        /// <summary>More text when the SDK has it (OpenAI's refusal message), or <c>null</c>.</summary>
        public string? Detail { get; }

        /// <summary>
        /// Whether the output may be used: <see cref="LlmCompletionKind.Complete"/>, or <see cref="LlmCompletionKind.Unknown"/>
        /// (nothing says the output was cut, so it is not rejected).
        /// </summary>
        public bool IsUsable => Kind == LlmCompletionKind.Complete || Kind == LlmCompletionKind.Unknown;

        /// <inheritdoc/>
        public bool Equals(LlmCompletionStatus other) => Kind == other.Kind && Reason == other.Reason && Detail == other.Detail;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is LlmCompletionStatus other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => ((int)Kind * 397) ^ (Reason?.GetHashCode() ?? 0);

        /// <summary>The kind and, when known, the SDK's reason: <c>Truncated (length)</c>.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => Reason is null ? Kind.ToString() : $"{Kind} ({Reason})";
    }
}
