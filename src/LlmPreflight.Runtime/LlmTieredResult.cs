using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>The answer of a tiered call: the value, which tier gave it, and why the tiers before it did not.</summary>
    /// <typeparam name="T">The calls' result type.</typeparam>
    public sealed class LlmTieredResult<T>
    {
        /// <summary>Creates the result.</summary>
        /// <param name="value">The value.</param>
        /// <param name="tier">The zero-based index of the tier that answered, or -1 for the default value.</param>
        /// <param name="tierName">The name of the tier that answered, or <c>null</c> for the default value.</param>
        /// <param name="failures">The tiers that failed before, in order.</param>
        public LlmTieredResult(T value, int tier, string? tierName, IReadOnlyList<LlmTierFailure> failures)
        {
            Value = value;
            Tier = tier;
            TierName = tierName;
            Failures = failures;
        }

        /// <summary>The answer: the first tier's that succeeded, or the default value.</summary>
        public T Value { get; }

        /// <summary>The zero-based index of the tier that answered, or -1 when every tier failed and the default value was used.</summary>
        public int Tier { get; }

        /// <summary>The name of the tier that answered, or <c>null</c> for the default value.</summary>
        public string? TierName { get; }

        /// <summary>Whether every tier failed and <see cref="Value"/> is the default value.</summary>
        public bool IsDefault => Tier < 0;

        /// <summary>Why each earlier tier did not answer, in order; empty when the first tier answered.</summary>
        public IReadOnlyList<LlmTierFailure> Failures { get; }
    }
}
