using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace LlmPreflight
{
    /// <summary>The default <see cref="ILlmCostTracker"/>: sums in memory per policy, model, prompt id and A/B experiment variant.</summary>
    public sealed class LlmCostTracker : ILlmCostTracker
    {
        private readonly ConcurrentDictionary<(string Policy, string? Model, string? PromptId, string? Experiment, string? Variant), Sum> _sums =
            new ConcurrentDictionary<(string, string?, string?, string?, string?), Sum>();

        /// <summary>The total cost of the priced attempts so far, US dollars.</summary>
        public decimal TotalCost => Snapshot().Sum(line => line.Cost);

        /// <inheritdoc/>
        public void Record(LlmCostRecord record)
        {
            if (record is null)
            {
                throw new ArgumentNullException(nameof(record));
            }

            Sum sum = _sums.GetOrAdd((record.PolicyName, record.Model, record.PromptId, record.PromptExperiment, record.PromptVariant), _ => new Sum());
            lock (sum)
            {
                sum.Calls++;
                if (record.Cost is decimal cost)
                {
                    sum.Cost += cost;
                }
                else
                {
                    sum.Unpriced++;
                }

                if (record.Usage is LlmUsage usage)
                {
                    sum.Input += usage.InputTokens;
                    sum.Cached += usage.CachedInputTokens;
                    sum.Output += usage.OutputTokens;
                }
            }
        }

        /// <inheritdoc/>
        public IReadOnlyList<LlmCostLine> Snapshot()
        {
            var lines = new List<LlmCostLine>();
            foreach (KeyValuePair<(string Policy, string? Model, string? PromptId, string? Experiment, string? Variant), Sum> entry in _sums)
            {
                Sum sum = entry.Value;
                lock (sum)
                {
                    lines.Add(new LlmCostLine(entry.Key.Policy, entry.Key.Model, entry.Key.PromptId, entry.Key.Experiment, entry.Key.Variant, sum.Calls, sum.Unpriced, sum.Input, sum.Cached, sum.Output, sum.Cost));
                }
            }

            return lines
                .OrderBy(l => l.PolicyName, StringComparer.Ordinal)
                .ThenBy(l => l.Model, StringComparer.Ordinal)
                .ThenBy(l => l.PromptId, StringComparer.Ordinal)
                .ThenBy(l => l.PromptExperiment, StringComparer.Ordinal)
                .ThenBy(l => l.PromptVariant, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>Forgets everything recorded so far.</summary>
        public void Reset() => _sums.Clear();

        private sealed class Sum
        {
            public long Calls;
            public long Unpriced;
            public long Input;
            public long Cached;
            public long Output;
            public decimal Cost;
        }
    }
}
