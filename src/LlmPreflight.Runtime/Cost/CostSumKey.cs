using System;

namespace LlmPreflight
{
    /// <summary>What the in-memory tracker sums by: policy, model, prompt id, experiment and variant.</summary>
    internal readonly struct CostSumKey : IEquatable<CostSumKey>
    {
        public CostSumKey(string policy, string? model, string? promptId, string? experiment, string? variant)
        {
            Policy = policy;
            Model = model;
            PromptId = promptId;
            Experiment = experiment;
            Variant = variant;
        }

        public string Policy { get; }

        public string? Model { get; }

        public string? PromptId { get; }

        public string? Experiment { get; }

        public string? Variant { get; }

        public bool Equals(CostSumKey other)
            => string.Equals(Policy, other.Policy, StringComparison.Ordinal)
                && string.Equals(Model, other.Model, StringComparison.Ordinal)
                && string.Equals(PromptId, other.PromptId, StringComparison.Ordinal)
                && string.Equals(Experiment, other.Experiment, StringComparison.Ordinal)
                && string.Equals(Variant, other.Variant, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is CostSumKey other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                int hash = Policy.GetHashCode();
                hash = (hash * 31) + (Model?.GetHashCode() ?? 0);
                hash = (hash * 31) + (PromptId?.GetHashCode() ?? 0);
                hash = (hash * 31) + (Experiment?.GetHashCode() ?? 0);
                return (hash * 31) + (Variant?.GetHashCode() ?? 0);
            }
        }
    }
}
