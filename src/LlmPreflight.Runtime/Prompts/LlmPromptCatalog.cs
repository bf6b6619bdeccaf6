using System;
using System.Collections.Generic;
using System.Linq;
using LlmPreflight.Internal.Prompts;

namespace LlmPreflight
{
    /// <summary>
    /// Named, versioned prompt templates and the A/B experiments that run on them, built and checked once by
    /// <see cref="LlmPromptCatalogBuilder"/>. Immutable and thread-safe: build it at start-up and share it
    /// (for example as a singleton service).
    /// </summary>
    /// <example>
    /// <code>
    /// LlmPromptCatalog prompts = LlmPromptCatalog.CreateBuilder().AddDirectory("prompts").Build();
    /// LlmPrompt prompt = prompts.Render("faq-answer", new Dictionary&lt;string, object?&gt; { ["question"] = question }, subjectId: user.Id);
    /// using (LlmGuard.BeginScope(prompt))
    /// {
    ///     var answer = await LlmGuard.RunAsync(ct =&gt; chat.GetResponseAsync(prompt.ToChatMessages(), cancellationToken: ct), cancellationToken);
    /// }
    /// </code>
    /// </example>
    public sealed class LlmPromptCatalog
    {
        // Per id, the versions in ascending order (so the latest is last).
        private readonly Dictionary<string, LlmPromptTemplate[]> _versions;
        private readonly Dictionary<string, LlmPromptExperiment> _experiments;

        internal LlmPromptCatalog(IEnumerable<LlmPromptTemplate> templates, IEnumerable<LlmPromptExperiment> experiments)
        {
            _versions = templates
                .GroupBy(t => t.Id, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderBy(t => t.Version, PromptVersion.Comparer).ToArray(), StringComparer.Ordinal);
            _experiments = experiments.ToDictionary(e => e.PromptId, StringComparer.Ordinal);
            Ids = _versions.Keys.OrderBy(id => id, StringComparer.Ordinal).ToArray();
            Experiments = _experiments.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
        }

        /// <summary>The prompt ids, sorted.</summary>
        public IReadOnlyList<string> Ids { get; }

        /// <summary>The experiments, sorted by name.</summary>
        public IReadOnlyList<LlmPromptExperiment> Experiments { get; }

        /// <summary>Starts a catalog: add directories, embedded resources, texts and experiments, then <see cref="LlmPromptCatalogBuilder.Build"/>.</summary>
        /// <returns>A new builder.</returns>
        public static LlmPromptCatalogBuilder CreateBuilder() => new LlmPromptCatalogBuilder();

        /// <summary>The versions of a prompt, oldest first.</summary>
        /// <param name="id">The prompt id.</param>
        /// <returns>The templates.</returns>
        /// <exception cref="KeyNotFoundException">The catalog has no such prompt; the message lists the ids it has.</exception>
        public IReadOnlyList<LlmPromptTemplate> Versions(string id) => VersionsOf(id);

        /// <summary>A prompt's template: the given version, or the latest (highest) when <paramref name="version"/> is <c>null</c>.</summary>
        /// <param name="id">The prompt id.</param>
        /// <param name="version">The version to pin (<c>"3"</c>, <c>"1.2"</c>; <c>"3.0"</c> is the same as <c>"3"</c>), or <c>null</c> for the latest.</param>
        /// <returns>The template.</returns>
        /// <exception cref="KeyNotFoundException">No such prompt or version; the message lists what the catalog has.</exception>
        public LlmPromptTemplate Get(string id, string? version = null)
        {
            LlmPromptTemplate[] versions = VersionsOf(id);
            if (version is null)
            {
                return versions[versions.Length - 1];
            }

            return versions.FirstOrDefault(t => PromptVersion.Comparer.Equals(t.Version, version))
                ?? throw new KeyNotFoundException($"Prompt '{id}' has no version {version}. Its versions are {string.Join(", ", versions.Select(t => t.Version))}.");
        }

        /// <summary>Looks a template up without throwing.</summary>
        /// <param name="id">The prompt id.</param>
        /// <param name="version">The version, or <c>null</c> for the latest.</param>
        /// <param name="template">The template when found.</param>
        /// <returns>Whether it was found.</returns>
        public bool TryGet(string id, string? version, out LlmPromptTemplate template)
        {
            template = null!;
            if (id is null || !_versions.TryGetValue(id, out LlmPromptTemplate[]? versions))
            {
                return false;
            }

            template = version is null ? versions[versions.Length - 1] : versions.FirstOrDefault(t => PromptVersion.Comparer.Equals(t.Version, version))!;
            return template != null;
        }

        /// <summary>The experiment running on a prompt id, or <c>null</c>.</summary>
        /// <param name="promptId">The prompt id.</param>
        /// <returns>The experiment, or <c>null</c>.</returns>
        public LlmPromptExperiment? ExperimentFor(string promptId)
            => promptId != null && _experiments.TryGetValue(promptId, out LlmPromptExperiment? experiment) ? experiment : null;

        /// <summary>
        /// Renders a prompt for no particular subject: the latest version, or, when an experiment runs on the id, its
        /// forced variant or else its first variant (the control) — never an untried candidate. The result carries no
        /// variant, so such calls stay out of the experiment's comparison.
        /// </summary>
        /// <param name="id">The prompt id.</param>
        /// <param name="arguments">The values, keyed by parameter name.</param>
        /// <returns>The rendered prompt.</returns>
        /// <exception cref="KeyNotFoundException">No such prompt.</exception>
        /// <exception cref="LlmPromptArgumentException">The arguments do not match the parameters.</exception>
        public LlmPrompt Render(string id, IReadOnlyDictionary<string, object?> arguments)
        {
            LlmPromptExperiment? experiment = ExperimentFor(id);
            LlmPromptTemplate template = experiment is null ? Get(id) : (experiment.Forced ?? experiment.Variants[0]).Template;
            return template.Render(arguments, null);
        }

        /// <summary>
        /// Renders a prompt for a subject: when an experiment runs on the id, the subject's sticky variant (recorded on
        /// the prompt as <see cref="LlmPrompt.Experiment"/> and <see cref="LlmPrompt.Variant"/>); otherwise the latest version.
        /// </summary>
        /// <param name="id">The prompt id.</param>
        /// <param name="arguments">The values, keyed by parameter name.</param>
        /// <param name="subjectId">A stable id of who the prompt is for (user, tenant, session); the same id always gets the same variant.</param>
        /// <returns>The rendered prompt.</returns>
        /// <exception cref="KeyNotFoundException">No such prompt.</exception>
        /// <exception cref="LlmPromptArgumentException">The arguments do not match the parameters.</exception>
        public LlmPrompt Render(string id, IReadOnlyDictionary<string, object?> arguments, string subjectId)
        {
            LlmPromptExperiment? experiment = ExperimentFor(id);
            if (experiment is null)
            {
                return Get(id).Render(arguments, null);
            }

            LlmPromptVariant variant = experiment.Assign(subjectId);
            return variant.Template.Render(arguments, variant);
        }

        private LlmPromptTemplate[] VersionsOf(string id)
        {
            if (id is null)
            {
                throw new ArgumentNullException(nameof(id));
            }

            return _versions.TryGetValue(id, out LlmPromptTemplate[]? versions)
                ? versions
                : throw new KeyNotFoundException(Ids.Count == 0
                    ? $"The prompt catalog has no prompt '{id}'; it is empty."
                    : $"The prompt catalog has no prompt '{id}'. Its prompts are {string.Join(", ", Ids)}.");
        }
    }
}
