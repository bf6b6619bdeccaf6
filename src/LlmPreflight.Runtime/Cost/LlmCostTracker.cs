using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace LlmPreflight
{
    /// <summary>The default <see cref="ILlmCostTracker"/>: sums in memory per policy, model, prompt id and A/B experiment variant.</summary>
    public sealed class LlmCostTracker : ILlmCostTracker
    {
        private readonly ConcurrentDictionary<CostSumKey, Sum> _sums = new ConcurrentDictionary<CostSumKey, Sum>();

        private int _generation;

        /// <summary>The total cost of the priced attempts so far, US dollars.</summary>
        public decimal TotalCost => Snapshot().Sum(line => line.Cost);

        /// <inheritdoc/>
        public void Record(LlmCostRecord record)
        {
            if (record is null)
            {
                throw new ArgumentNullException(nameof(record));
            }

            var key = new CostSumKey(record.PolicyName, record.Model, record.PromptId, record.PromptExperiment, record.PromptVariant);
            AddTo(_sums.GetOrAdd(key, _ => new Sum()), record.Usage, record.Cost);
        }

        /// <summary>
        /// Adds one billed attempt to its sums; the guard calls this directly, so no record is allocated per call, and
        /// remembers the sum in the caller's <paramref name="hint"/> (one per policy): a run of calls to one model and
        /// prompt skips the dictionary.
        /// </summary>
        internal void Add(CostSumKey key, LlmUsage? usage, decimal? cost, ref SumHint? hint)
        {
            SumHint? last = Volatile.Read(ref hint);
            Sum sum;
            if (last != null && last.Generation == Volatile.Read(ref _generation) && last.Key.Equals(key))
            {
                sum = last.Sum;
            }
            else
            {
                int generation = Volatile.Read(ref _generation);
                sum = _sums.GetOrAdd(key, _ => new Sum());
                Volatile.Write(ref hint, new SumHint(generation, key, sum));
            }

            AddTo(sum, usage, cost);
        }

        private static void AddTo(Sum sum, LlmUsage? usage, decimal? cost)
        {
            lock (sum)
            {
                sum.Calls++;
                if (cost is decimal known)
                {
                    sum.Cost += known;
                }
                else
                {
                    sum.Unpriced++;
                }

                if (usage is LlmUsage tokens)
                {
                    sum.Input += tokens.InputTokens;
                    sum.Cached += tokens.CachedInputTokens;
                    sum.Output += tokens.OutputTokens;
                }
            }
        }

        /// <inheritdoc/>
        public IReadOnlyList<LlmCostLine> Snapshot()
        {
            var lines = new List<LlmCostLine>();
            foreach (KeyValuePair<CostSumKey, Sum> entry in _sums)
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
        public void Reset()
        {
            _sums.Clear();
            Interlocked.Increment(ref _generation);
        }

        /// <summary>The sum a policy added to last, valid until the next <see cref="Reset"/>.</summary>
        internal sealed class SumHint
        {
            public SumHint(int generation, CostSumKey key, Sum sum)
            {
                Generation = generation;
                Key = key;
                Sum = sum;
            }

            public int Generation { get; }

            public CostSumKey Key { get; }

            public Sum Sum { get; }
        }

        internal sealed class Sum
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
