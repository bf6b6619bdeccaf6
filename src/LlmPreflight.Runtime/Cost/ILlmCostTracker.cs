using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>
    /// Receives one record per billed attempt. The default is <see cref="LlmCostTracker"/> (in memory);
    /// set <see cref="LlmGuardOptions.CostTracker"/> to send records elsewhere. Implementations must be thread-safe.
    /// </summary>
    public interface ILlmCostTracker
    {
        /// <summary>Records one billed attempt.</summary>
        /// <param name="record">The record.</param>
        void Record(LlmCostRecord record);

        /// <summary>The sums so far, one line per policy, model, prompt id and A/B variant (experiment and variant).</summary>
        /// <returns>A copy; later records do not change it.</returns>
        IReadOnlyList<LlmCostLine> Snapshot();
    }
}
