using System.Diagnostics;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>
    /// The prompt identity of the scope (id, version, experiment, variant) as metric and activity tags, so dashboards
    /// can compare versions and variants on cost, latency and failures. Only tags that are set are added: a call
    /// outside a prompt scope pays one null check.
    /// </summary>
    internal static class PromptTags
    {
        public const string Id = "llmpreflight.prompt.id";
        public const string Version = "llmpreflight.prompt.version";
        public const string Experiment = "llmpreflight.prompt.experiment";
        public const string Variant = "llmpreflight.prompt.variant";

        public static void Add(ref TagList tags, LlmCallContext? context)
        {
            if (context is null)
            {
                return;
            }

            if (context.PromptId != null)
            {
                tags.Add(Id, context.PromptId);
            }

            if (context.PromptVersion != null)
            {
                tags.Add(Version, context.PromptVersion);
            }

            if (context.PromptExperiment != null)
            {
                tags.Add(Experiment, context.PromptExperiment);
            }

            if (context.PromptVariant != null)
            {
                tags.Add(Variant, context.PromptVariant);
            }
        }

        public static void Set(Activity activity, LlmCallContext? context)
        {
            if (context is null)
            {
                return;
            }

            if (context.PromptId != null)
            {
                activity.SetTag(Id, context.PromptId);
            }

            if (context.PromptVersion != null)
            {
                activity.SetTag(Version, context.PromptVersion);
            }

            if (context.PromptExperiment != null)
            {
                activity.SetTag(Experiment, context.PromptExperiment);
            }

            if (context.PromptVariant != null)
            {
                activity.SetTag(Variant, context.PromptVariant);
            }
        }
    }
}
