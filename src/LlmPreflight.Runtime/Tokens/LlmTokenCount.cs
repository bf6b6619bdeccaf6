using System;
using System.Globalization;

namespace LlmPreflight
{
    /// <summary>
    /// A number of tokens and how it was obtained: an exact count with the model's own vocabulary
    /// (<see cref="IsExact"/>), or an estimate for a model whose tokenizer is not available offline.
    /// </summary>
    public readonly struct LlmTokenCount : IEquatable<LlmTokenCount>
    {
        // A field rather than an auto-property so that default(LlmTokenCount) still reads as an empty method, not null.
        private readonly string? _method;

        /// <summary>Creates a count.</summary>
        /// <param name="tokens">The number of tokens.</param>
        /// <param name="isExact">Whether it is an exact count with the model's own vocabulary.</param>
        /// <param name="method">How it was obtained, e.g. <c>"o200k_base"</c> or <c>"o200k_base x 1.20 (anthropic estimate)"</c>.</param>
        public LlmTokenCount(long tokens, bool isExact, string method)
        {
            if (tokens < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), tokens, "A token count cannot be negative.");
            }

            Tokens = tokens;
            IsExact = isExact;
            _method = method ?? throw new ArgumentNullException(nameof(method));
        }

        /// <summary>The number of tokens.</summary>
        public long Tokens { get; }

        /// <summary>Whether <see cref="Tokens"/> is an exact count with the model's own vocabulary rather than an estimate.</summary>
        public bool IsExact { get; }

        /// <summary>How the count was obtained: the vocabulary, and for an estimate the factor and the model family.</summary>
        public string Method => _method ?? string.Empty;

        /// <inheritdoc/>
        public bool Equals(LlmTokenCount other) => Tokens == other.Tokens && IsExact == other.IsExact && string.Equals(Method, other.Method, StringComparison.Ordinal);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is LlmTokenCount other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => unchecked((Tokens.GetHashCode() * 397) ^ (IsExact ? 1 : 0) ^ StringComparer.Ordinal.GetHashCode(Method));

        /// <summary>For example <c>"1,234 tokens (exact, o200k_base)"</c>.</summary>
        /// <returns>The count and its method.</returns>
        public override string ToString()
            => string.Format(CultureInfo.InvariantCulture, "{0:N0} tokens ({1}, {2})", Tokens, IsExact ? "exact" : "estimate", Method);
    }
}
