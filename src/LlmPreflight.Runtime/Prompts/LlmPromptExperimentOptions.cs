using System;
using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>
    /// The code-first definition of an experiment, passed to
    /// <see cref="LlmPromptCatalogBuilder.AddExperiment(string, string, Action{LlmPromptExperimentOptions})"/>;
    /// checked when the catalog is built.
    /// </summary>
    public sealed class LlmPromptExperimentOptions
    {
        internal LlmPromptExperimentOptions(string name, string promptId)
        {
            Name = name;
            PromptId = promptId;
        }

        /// <summary>The experiment's name.</summary>
        public string Name { get; }

        /// <summary>The prompt id the experiment runs on.</summary>
        public string PromptId { get; }

        /// <summary>A variant name that every subject gets (QA, or stopping an experiment without a deploy); <c>null</c> to assign by weight.</summary>
        public string? ForcedVariant { get; set; }

        internal List<(string Name, double Weight, string? PromptId, string? Version, string Origin)> Variants { get; } = new List<(string, double, string?, string?, string)>();

        internal List<(string Subject, string Variant, string Origin)> Overrides { get; } = new List<(string, string, string)>();

        /// <summary>Where the forced variant was set (a configuration key, or <c>null</c> for code).</summary>
        internal string? ForcedOrigin { get; set; }

        /// <summary>
        /// Adds a variant. Variants share the subjects in proportion to their weights, in contiguous bucket ranges laid
        /// out in the order they are added: add new variants last and change weights of neighbours to move few subjects.
        /// </summary>
        /// <param name="name">The variant's name (recorded as <c>llmpreflight.prompt.variant</c>).</param>
        /// <param name="weight">Its weight: a finite number, zero or more (0 turns it off); relative to the others.</param>
        /// <param name="version">The version of the prompt it uses; <c>null</c> for the latest.</param>
        /// <param name="promptId">Another prompt id to use instead of the experiment's (a separate template); <c>null</c> for the experiment's.</param>
        /// <returns>These options, for chaining.</returns>
        public LlmPromptExperimentOptions AddVariant(string name, double weight, string? version = null, string? promptId = null)
        {
            Variants.Add((name, weight, promptId, version, "variant '" + name + "'"));
            return this;
        }

        /// <summary>Pins one subject to a variant, ahead of <see cref="ForcedVariant"/> and the weights (QA accounts, demos).</summary>
        /// <param name="subjectId">The subject id.</param>
        /// <param name="variant">The variant's name.</param>
        /// <returns>These options, for chaining.</returns>
        public LlmPromptExperimentOptions Override(string subjectId, string variant)
        {
            Overrides.Add((subjectId, variant, "the override for subject '" + subjectId + "'"));
            return this;
        }
    }
}
