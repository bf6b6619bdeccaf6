using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace LlmPreflight.Internal.Prompts
{
    /// <summary>
    /// Reads experiments from configuration by hand, like <see cref="ConfigurationReader"/> does for policies: every
    /// unknown key and unparsable value is reported with its full path. Variants are a list (keys 0, 1, ...) rather
    /// than an object, because configuration sorts object keys, and the listed order lays out the bucket ranges.
    /// </summary>
    internal static class PromptConfigurationReader
    {
        public const string PromptsKey = "Prompts";

        public const string ExperimentsKey = "Experiments";

        private static readonly string[] ExperimentKeys = { "Prompt", "Variants", "Force", "Overrides" };

        private static readonly string[] VariantKeys = { "Name", "Weight", "Version", "Prompt" };

        public static List<(LlmPromptExperimentOptions Options, string Origin)> Read(IConfiguration configuration, List<string> problems)
        {
            var experiments = new List<(LlmPromptExperimentOptions, string)>();
            IConfiguration? section = Unwrap(configuration);
            if (section is null)
            {
                return experiments;
            }

            foreach (IConfigurationSection child in section.GetChildren())
            {
                if (!string.Equals(child.Key, ExperimentsKey, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"configuration key '{child.Path}' is not a prompt catalog setting; the one key here is {ExperimentsKey}.");
                    continue;
                }

                foreach (IConfigurationSection experiment in child.GetChildren())
                {
                    experiments.Add((ReadExperiment(experiment, problems), $"experiment '{experiment.Key}' (configuration key '{experiment.Path}')"));
                }
            }

            return experiments;
        }

        /// <summary>
        /// Accepts the Prompts section itself, a LlmPreflight section holding it, or the configuration root; a root
        /// without prompt settings yields nothing (its other keys belong to other components and are not reported).
        /// </summary>
        private static IConfiguration? Unwrap(IConfiguration configuration)
        {
            if (Has(configuration, ExperimentsKey) || (configuration is IConfigurationSection own && string.Equals(own.Key, PromptsKey, StringComparison.OrdinalIgnoreCase)))
            {
                return configuration;
            }

            foreach (string path in new[] { PromptsKey, ConfigurationReader.SectionName + ":" + PromptsKey })
            {
                IConfigurationSection nested = configuration.GetSection(path);
                if (nested.GetChildren().Any())
                {
                    return nested;
                }
            }

            return null;
        }

        private static LlmPromptExperimentOptions ReadExperiment(IConfigurationSection section, List<string> problems)
        {
            var options = new LlmPromptExperimentOptions(section.Key, section["Prompt"] ?? string.Empty);
            foreach (IConfigurationSection setting in section.GetChildren())
            {
                if (!ExperimentKeys.Contains(setting.Key, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"configuration key '{setting.Path}' is not an experiment setting. Known settings: {string.Join(", ", ExperimentKeys)}.");
                }
            }

            IConfigurationSection force = section.GetSection("Force");
            if (!string.IsNullOrWhiteSpace(force.Value) && !string.Equals(force.Value!.Trim(), "null", StringComparison.OrdinalIgnoreCase))
            {
                options.ForcedVariant = force.Value.Trim();
                options.ForcedOrigin = $" (configuration key '{force.Path}')";
            }

            foreach (IConfigurationSection variant in section.GetSection("Variants").GetChildren())
            {
                ReadVariant(variant, options, problems);
            }

            foreach (IConfigurationSection pinned in section.GetSection("Overrides").GetChildren())
            {
                options.Overrides.Add((pinned.Key, pinned.Value ?? string.Empty, $"the override at configuration key '{pinned.Path}'"));
            }

            return options;
        }

        private static void ReadVariant(IConfigurationSection section, LlmPromptExperimentOptions options, List<string> problems)
        {
            foreach (IConfigurationSection setting in section.GetChildren())
            {
                if (!VariantKeys.Contains(setting.Key, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"configuration key '{setting.Path}' is not a variant setting. Known settings: {string.Join(", ", VariantKeys)}.");
                }
            }

            string? name = section["Name"];
            string? weight = section["Weight"];
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add($"configuration key '{section.Path}' is a variant without a Name.");
                return;
            }

            if (weight is null)
            {
                problems.Add($"configuration key '{section.Path}' (variant '{name}') has no Weight; give it one, such as 50.");
                return;
            }

            if (!double.TryParse(weight, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                problems.Add($"configuration key '{section.Path}:Weight' has the value \"{weight}\", which is not a number.");
                return;
            }

            string? version = section["Version"];
            string? prompt = section["Prompt"];
            options.Variants.Add((name!, value, string.IsNullOrWhiteSpace(prompt) ? null : prompt, string.IsNullOrWhiteSpace(version) ? null : version, $"variant '{name}' (configuration key '{section.Path}')"));
        }

        private static bool Has(IConfiguration configuration, string key)
            => configuration.GetChildren().Any(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
    }
}
