using System;
using System.Collections.Generic;
using System.Linq;

namespace LlmPreflight.Internal.Prompts
{
    /// <summary>Checks experiment definitions against the catalog's templates and lays out their bucket ranges.</summary>
    internal static class ExperimentFactory
    {
        public static List<LlmPromptExperiment> Create(IReadOnlyList<(LlmPromptExperimentOptions Options, string Origin)> definitions, LlmPromptCatalog templates, List<string> problems)
        {
            var experiments = new List<LlmPromptExperiment>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var byPrompt = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach ((LlmPromptExperimentOptions options, string origin) in definitions)
            {
                if (string.IsNullOrWhiteSpace(options.Name))
                {
                    problems.Add("an experiment has an empty name; give it a name such as \"faq-tone\" (it salts the assignment and is recorded on telemetry).");
                    continue;
                }

                if (!names.Add(options.Name))
                {
                    problems.Add($"{origin} is added twice; add it once.");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(options.PromptId) || !templates.TryGet(options.PromptId, null, out _))
                {
                    problems.Add(string.IsNullOrWhiteSpace(options.PromptId)
                        ? $"{origin} names no prompt id; say which prompt it runs on."
                        : $"{origin} runs on prompt '{options.PromptId}', which is not in the catalog. {Known(templates)}");
                    continue;
                }

                if (byPrompt.TryGetValue(options.PromptId, out string? other))
                {
                    problems.Add($"{origin} runs on prompt '{options.PromptId}', and so does experiment '{other}'. Run one experiment per prompt id, so each subject gets one assignment.");
                    continue;
                }

                byPrompt.Add(options.PromptId, options.Name);
                LlmPromptExperiment? experiment = Create(options, origin, templates, problems);
                if (experiment != null)
                {
                    experiments.Add(experiment);
                }
            }

            return experiments;
        }

        private static LlmPromptExperiment? Create(LlmPromptExperimentOptions options, string origin, LlmPromptCatalog templates, List<string> problems)
        {
            int before = problems.Count;
            if (options.Variants.Count == 0)
            {
                problems.Add($"{origin} has no variants; add them with AddVariant, or as a Variants list in configuration.");
                return null;
            }

            var resolved = new List<(string Name, double Weight, LlmPromptTemplate Template)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach ((string name, double weight, string? promptId, string? version, string variantOrigin) in options.Variants)
            {
                if (string.IsNullOrWhiteSpace(name))
                {
                    problems.Add($"{origin}: a variant has an empty name; name each variant (e.g. \"control\").");
                    continue;
                }

                if (!seen.Add(name))
                {
                    problems.Add($"{origin}: {variantOrigin} is listed twice; variant names must be unique.");
                    continue;
                }

                if (double.IsNaN(weight) || double.IsInfinity(weight) || weight < 0)
                {
                    problems.Add($"{origin}: {variantOrigin} has weight {weight.ToString(System.Globalization.CultureInfo.InvariantCulture)}; a weight is a finite number of zero or more (0 turns the variant off).");
                }

                string id = promptId ?? options.PromptId;
                if (!templates.TryGet(id, version, out LlmPromptTemplate template))
                {
                    problems.Add(templates.TryGet(id, null, out _)
                        ? $"{origin}: {variantOrigin} uses prompt '{id}' version {version}, which the catalog does not have; its versions are {string.Join(", ", templates.Versions(id).Select(t => t.Version))}."
                        : $"{origin}: {variantOrigin} uses prompt '{id}', which is not in the catalog. {Known(templates)}");
                    continue;
                }

                resolved.Add((name, weight, template));
            }

            if (problems.Count == before)
            {
                double total = resolved.Sum(v => v.Weight);
                if (total <= 0)
                {
                    problems.Add($"{origin}: the weights add up to 0, so no subject could be assigned. Give at least one variant a positive weight.");
                }

                (string Name, double Weight, LlmPromptTemplate Template) control = resolved[0];
                foreach ((string name, double _, LlmPromptTemplate template) in resolved.Skip(1).Where(v => !v.Template.TakesSameArguments(control.Template)))
                {
                    problems.Add($"{origin}: variant '{name}' ({template}) takes ({string.Join(", ", template.Parameters)}) but variant '{control.Name}' ({control.Template}) takes ({string.Join(", ", control.Template.Parameters)}). "
                        + "Every variant must declare the same parameters, because callers pass one set of arguments.");
                }
            }

            string known = string.Join(", ", options.Variants.Select(v => v.Name).Distinct(StringComparer.Ordinal));
            if (options.ForcedVariant != null && !seen.Contains(options.ForcedVariant))
            {
                problems.Add($"{origin}: the forced variant '{options.ForcedVariant}'{options.ForcedOrigin} is not one of its variants ({known}).");
            }

            var subjects = new HashSet<string>(StringComparer.Ordinal);
            foreach ((string subject, string variant, string overrideOrigin) in options.Overrides)
            {
                if (string.IsNullOrEmpty(subject))
                {
                    problems.Add($"{origin}: an override has an empty subject id.");
                }
                else if (!subjects.Add(subject))
                {
                    problems.Add($"{origin}: subject '{subject}' is overridden twice; keep one.");
                }
                else if (!seen.Contains(variant ?? string.Empty))
                {
                    problems.Add($"{origin}: {overrideOrigin} names the variant '{variant}', which is not one of its variants ({known}).");
                }
            }

            if (problems.Count > before)
            {
                return null;
            }

            var variants = Layout(options.Name, resolved);
            return new LlmPromptExperiment(
                options.Name,
                options.PromptId,
                variants,
                options.ForcedVariant is null ? null : variants.First(v => v.Name == options.ForcedVariant),
                options.Overrides.ToDictionary(o => o.Subject, o => variants.First(v => v.Name == o.Variant), StringComparer.Ordinal));
        }

        /// <summary>
        /// Contiguous bucket ranges in listed order, each as wide as its share of the weights. A subject moves only when
        /// a boundary moves across its bucket: shifting weight between two neighbours (50/50 to 60/40) moves just the
        /// subjects between the old and the new boundary (10%), where a re-hash per weight set would move about half.
        /// </summary>
        private static List<LlmPromptVariant> Layout(string experiment, List<(string Name, double Weight, LlmPromptTemplate Template)> resolved)
        {
            double total = resolved.Sum(v => v.Weight);
            var variants = new List<LlmPromptVariant>(resolved.Count);
            double cumulative = 0;
            int start = 0;
            foreach ((string name, double weight, LlmPromptTemplate template) in resolved)
            {
                cumulative += weight;
                int end = (int)Math.Round(cumulative / total * StickyBucket.Count, MidpointRounding.AwayFromZero);
                variants.Add(new LlmPromptVariant(experiment, name, weight, template, start, end));
                start = end;
            }

            return variants;
        }

        private static string Known(LlmPromptCatalog templates)
            => templates.Ids.Count == 0 ? "The catalog has no prompts." : "Its prompts are " + string.Join(", ", templates.Ids) + ".";
    }
}
