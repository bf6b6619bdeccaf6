using System;
using System.Collections.Generic;
using System.Linq;

namespace LlmPreflight
{
    /// <summary>Every tier of a tiered call failed and the chain has no default value.</summary>
    public sealed class LlmTiersExhaustedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="failures">Why each tier failed, in order; the last one's exception becomes the inner exception.</param>
        public LlmTiersExhaustedException(IReadOnlyList<LlmTierFailure> failures)
            : base(BuildMessage(failures), failures.Count > 0 ? failures[failures.Count - 1].Exception : null)
        {
            Failures = failures;
        }

        /// <summary>Why each tier failed, in order.</summary>
        public IReadOnlyList<LlmTierFailure> Failures { get; }

        private static string BuildMessage(IReadOnlyList<LlmTierFailure> failures)
            => $"All {failures.Count} tiers of the LLM fallback chain failed ("
                + string.Join("; ", failures.Select(f => $"{f.TierName} under policy '{f.PolicyName}': {f.Exception.GetType().Name}: {f.Exception.Message}"))
                + "). Add a default value with WithDefault(...) to degrade gracefully instead of throwing.";
    }
}
