using System;
using System.Collections.Generic;
using LlmPreflight.Internal.Prompts;

namespace LlmPreflight
{
    /// <summary>
    /// An A/B experiment on one prompt id: weighted variants, each a template, with sticky assignment by subject id.
    /// A subject (a user, tenant or session id) always gets the same variant, in every process and after restarts,
    /// as long as the variants and weights are unchanged; see <see cref="Assign"/>.
    /// </summary>
    public sealed class LlmPromptExperiment
    {
        internal LlmPromptExperiment(string name, string promptId, IReadOnlyList<LlmPromptVariant> variants, LlmPromptVariant? forced, IReadOnlyDictionary<string, LlmPromptVariant> overrides)
        {
            Name = name;
            PromptId = promptId;
            Variants = variants;
            Forced = forced;
            Overrides = overrides;
        }

        /// <summary>The experiment's name; recorded as <c>llmpreflight.prompt.experiment</c> and salting the assignment hash.</summary>
        public string Name { get; }

        /// <summary>The prompt id that callers render; <see cref="LlmPromptCatalog.Render(string, IReadOnlyDictionary{string, object}, string)"/> runs the experiment for it.</summary>
        public string PromptId { get; }

        /// <summary>The variants, in the order their bucket ranges are laid out.</summary>
        public IReadOnlyList<LlmPromptVariant> Variants { get; }

        /// <summary>The variant every subject gets while it is set (for QA or a kill switch), or <c>null</c>.</summary>
        public LlmPromptVariant? Forced { get; }

        /// <summary>Subjects pinned to a variant (QA accounts, demo tenants), ahead of <see cref="Forced"/> and the hash.</summary>
        public IReadOnlyDictionary<string, LlmPromptVariant> Overrides { get; }

        /// <summary>
        /// The subject's variant: its override, else the forced variant, else the variant whose bucket range holds
        /// the subject's bucket (SHA-256 of the experiment name and subject id, modulo 10,000).
        /// </summary>
        /// <param name="subjectId">A stable id of who the prompt is for (user, tenant, session); compared exactly.</param>
        /// <returns>The variant.</returns>
        public LlmPromptVariant Assign(string subjectId)
        {
            if (string.IsNullOrEmpty(subjectId))
            {
                throw new ArgumentException(
                    $"Experiment '{Name}' needs a subject id to assign a variant; pass a stable id such as the user's or tenant's, or render without one to skip the experiment.",
                    nameof(subjectId));
            }

            if (Overrides.TryGetValue(subjectId, out LlmPromptVariant? pinned))
            {
                return pinned;
            }

            if (Forced != null)
            {
                return Forced;
            }

            int bucket = StickyBucket.Of(Name, subjectId);
            foreach (LlmPromptVariant variant in Variants)
            {
                if (bucket < variant.BucketEnd)
                {
                    // Zero-weight variants have empty ranges and are skipped by this test.
                    if (bucket >= variant.BucketStart)
                    {
                        return variant;
                    }
                }
            }

            // Unreachable: the last range with weight ends at the last bucket.
            throw new InvalidOperationException($"Experiment '{Name}': bucket {bucket} is in no variant's range.");
        }

        /// <summary>The experiment as <c>name (promptId)</c>.</summary>
        /// <returns>The experiment's name.</returns>
        public override string ToString() => Name + " (" + PromptId + ")";
    }
}
