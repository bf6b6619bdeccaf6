using System;

namespace LlmPreflight
{
    /// <summary>One billed attempt: a model call that returned a result (failed attempts are not billed and not recorded).</summary>
    public sealed class LlmCostRecord
    {
        /// <summary>Creates a record.</summary>
        /// <param name="policyName">The policy the call ran under.</param>
        /// <param name="model">The model (from the response, else the scope's requested model), or <c>null</c> when unknown.</param>
        /// <param name="provider">The provider (<c>gen_ai.provider.name</c>), or <c>null</c>.</param>
        /// <param name="promptId">The scope's prompt id, or <c>null</c>.</param>
        /// <param name="promptVersion">The scope's prompt version, or <c>null</c>.</param>
        /// <param name="usage">The usage, or <c>null</c> when the result carried none.</param>
        /// <param name="cost">The cost in US dollars, or <c>null</c> when unknown (no usage, or the model has no price).</param>
        /// <param name="at">When it was recorded.</param>
        public LlmCostRecord(string policyName, string? model, string? provider, string? promptId, string? promptVersion, LlmUsage? usage, decimal? cost, DateTimeOffset at)
            : this(policyName, model, provider, promptId, promptVersion, null, null, usage, cost, at)
        {
        }

        /// <summary>Creates a record for a call whose prompt an A/B experiment chose.</summary>
        /// <param name="policyName">The policy the call ran under.</param>
        /// <param name="model">The model (from the response, else the scope's requested model), or <c>null</c> when unknown.</param>
        /// <param name="provider">The provider (<c>gen_ai.provider.name</c>), or <c>null</c>.</param>
        /// <param name="promptId">The scope's prompt id, or <c>null</c>.</param>
        /// <param name="promptVersion">The scope's prompt version, or <c>null</c>.</param>
        /// <param name="promptExperiment">The scope's experiment, or <c>null</c>.</param>
        /// <param name="promptVariant">The scope's variant, or <c>null</c>.</param>
        /// <param name="usage">The usage, or <c>null</c> when the result carried none.</param>
        /// <param name="cost">The cost in US dollars, or <c>null</c> when unknown (no usage, or the model has no price).</param>
        /// <param name="at">When it was recorded.</param>
        public LlmCostRecord(string policyName, string? model, string? provider, string? promptId, string? promptVersion, string? promptExperiment, string? promptVariant, LlmUsage? usage, decimal? cost, DateTimeOffset at)
        {
            PolicyName = policyName;
            Model = model;
            Provider = provider;
            PromptId = promptId;
            PromptVersion = promptVersion;
            PromptExperiment = promptExperiment;
            PromptVariant = promptVariant;
            Usage = usage;
            Cost = cost;
            At = at;
        }

        /// <summary>The policy the call ran under.</summary>
        public string PolicyName { get; }

        /// <summary>The model, or <c>null</c> when unknown.</summary>
        public string? Model { get; }

        /// <summary>The provider, or <c>null</c>.</summary>
        public string? Provider { get; }

        /// <summary>The scope's prompt id, or <c>null</c>.</summary>
        public string? PromptId { get; }

        /// <summary>The scope's prompt version, or <c>null</c>.</summary>
        public string? PromptVersion { get; }

        /// <summary>The scope's A/B experiment, or <c>null</c>.</summary>
        public string? PromptExperiment { get; }

        /// <summary>The scope's A/B variant, or <c>null</c>.</summary>
        public string? PromptVariant { get; }

        /// <summary>The usage, or <c>null</c> when the result carried none.</summary>
        public LlmUsage? Usage { get; }

        /// <summary>The cost in US dollars, or <c>null</c> when unknown.</summary>
        public decimal? Cost { get; }

        /// <summary>When it was recorded.</summary>
        public DateTimeOffset At { get; }
    }
}
