using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using LlmPreflight.Internal.Prompts;
using Microsoft.Extensions.Configuration;

namespace LlmPreflight
{
    /// <summary>
    /// Collects prompt files and experiments, then checks everything at once in <see cref="Build"/>: every malformed
    /// file, duplicate id and version, and invalid experiment is listed in one <see cref="LlmPromptCatalogException"/>,
    /// at start-up rather than in the middle of a request.
    /// </summary>
    public sealed class LlmPromptCatalogBuilder
    {
        /// <summary>The file extension of prompt files.</summary>
        public const string FileExtension = ".prompt";

        private readonly List<string> _problems = new List<string>();
        private readonly List<LlmPromptTemplate> _templates = new List<LlmPromptTemplate>();
        private readonly List<(LlmPromptExperimentOptions Options, string Origin)> _experiments = new List<(LlmPromptExperimentOptions, string)>();

        /// <summary>Adds every <c>*.prompt</c> file under a directory and its subdirectories (conventionally <c>prompts/&lt;id&gt;/&lt;version&gt;.prompt</c>; the header, not the path, names the prompt).</summary>
        /// <param name="path">The directory; a relative path is resolved against the current directory.</param>
        /// <returns>This builder, for chaining.</returns>
        public LlmPromptCatalogBuilder AddDirectory(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (!Directory.Exists(path))
            {
                _problems.Add($"the prompt directory '{path}' does not exist (full path {Path.GetFullPath(path)}). Check the path, and that the files are copied to the output (<None Include=\"prompts/**/*.prompt\" CopyToOutputDirectory=\"PreserveNewest\" />).");
                return this;
            }

            string[] files = Directory.GetFiles(path, "*" + FileExtension, SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                _problems.Add($"the prompt directory '{path}' holds no {FileExtension} files.");
            }

            foreach (string file in files)
            {
                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (IOException exception)
                {
                    _problems.Add($"{file}: cannot be read: {exception.Message}");
                    continue;
                }

                AddText(file, text);
            }

            return this;
        }

        /// <summary>
        /// Adds every embedded resource of an assembly whose name ends in <c>.prompt</c> (and starts with
        /// <paramref name="prefix"/>, when given). Embed them with <c>&lt;EmbeddedResource Include="prompts/**/*.prompt" /&gt;</c>.
        /// </summary>
        /// <param name="assembly">The assembly holding the resources.</param>
        /// <param name="prefix">Only resources whose manifest name starts with this (e.g. <c>"MyApp.prompts."</c>), or <c>null</c> for all.</param>
        /// <returns>This builder, for chaining.</returns>
        public LlmPromptCatalogBuilder AddEmbeddedResources(Assembly assembly, string? prefix = null)
        {
            if (assembly is null)
            {
                throw new ArgumentNullException(nameof(assembly));
            }

            string[] names = assembly.GetManifestResourceNames()
                .Where(n => n.EndsWith(FileExtension, StringComparison.OrdinalIgnoreCase) && (prefix is null || n.StartsWith(prefix, StringComparison.Ordinal)))
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray();
            if (names.Length == 0)
            {
                _problems.Add($"the assembly {assembly.GetName().Name} has no embedded resources ending in {FileExtension}{(prefix is null ? string.Empty : " that start with '" + prefix + "'")}. "
                    + "Embed the files with <EmbeddedResource Include=\"prompts/**/*.prompt\" /> in its project file.");
            }

            foreach (string name in names)
            {
                using (Stream stream = assembly.GetManifestResourceStream(name)!)
                using (var reader = new StreamReader(stream))
                {
                    AddText("resource " + name, reader.ReadToEnd());
                }
            }

            return this;
        }

        /// <summary>Adds one prompt from its text, in the <c>.prompt</c> format.</summary>
        /// <param name="source">What problems name as the prompt's location (a path, a resource name, a database key).</param>
        /// <param name="text">The prompt file's text.</param>
        /// <returns>This builder, for chaining.</returns>
        public LlmPromptCatalogBuilder AddText(string source, string text)
        {
            if (source is null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            LlmPromptTemplate? template = PromptFileParser.Parse(source, text, _problems);
            if (template != null)
            {
                _templates.Add(template);
            }

            return this;
        }

        /// <summary>Adds an A/B experiment on a prompt id; callers render the id with a subject id to take part.</summary>
        /// <param name="name">The experiment's name (salts the assignment; recorded as <c>llmpreflight.prompt.experiment</c>).</param>
        /// <param name="promptId">The prompt id the experiment runs on; at most one experiment per id.</param>
        /// <param name="configure">Adds the variants, and optionally a forced variant and per-subject overrides.</param>
        /// <returns>This builder, for chaining.</returns>
        public LlmPromptCatalogBuilder AddExperiment(string name, string promptId, Action<LlmPromptExperimentOptions> configure)
        {
            if (configure is null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            var options = new LlmPromptExperimentOptions(name, promptId);
            configure(options);
            _experiments.Add((options, "experiment '" + name + "'"));
            return this;
        }

        /// <summary>
        /// Adds the experiments of a configuration section: <c>{ "Experiments": { "name": { "Prompt": "id", "Variants": [ { "Name": "a",
        /// "Weight": 50, "Version": "3" } ], "Force": null, "Overrides": { "subject": "a" } } } }</c>. Pass the
        /// <c>LlmPreflight:Prompts</c> section, or the configuration root that holds it.
        /// </summary>
        /// <param name="configuration">The section (or the root).</param>
        /// <returns>This builder, for chaining.</returns>
        public LlmPromptCatalogBuilder AddConfiguration(IConfiguration configuration)
        {
            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            foreach ((LlmPromptExperimentOptions options, string origin) in PromptConfigurationReader.Read(configuration, _problems))
            {
                _experiments.Add((options, origin));
            }

            return this;
        }

        /// <summary>Checks everything added and builds the catalog.</summary>
        /// <returns>The catalog.</returns>
        /// <exception cref="LlmPromptCatalogException">Something is wrong; every problem is listed with its file and line, or its experiment.</exception>
        public LlmPromptCatalog Build()
        {
            var problems = new List<string>(_problems);
            var distinct = new List<LlmPromptTemplate>();
            foreach (IGrouping<string, LlmPromptTemplate> version in _templates
                .GroupBy(t => t.Id, StringComparer.Ordinal)
                .SelectMany(id => id.GroupBy(t => t.Version, PromptVersion.Comparer)))
            {
                LlmPromptTemplate first = version.First();
                distinct.Add(first);
                if (version.Count() > 1)
                {
                    problems.Add($"prompt '{first.Id}' version {first.Version} is defined more than once: in {string.Join(" and in ", version.Select(t => t.Source))}. Give each version its own number.");
                }
            }

            var templates = new LlmPromptCatalog(distinct, Array.Empty<LlmPromptExperiment>());
            List<LlmPromptExperiment> experiments = ExperimentFactory.Create(_experiments, templates, problems);
            if (problems.Count > 0)
            {
                throw new LlmPromptCatalogException(problems);
            }

            return new LlmPromptCatalog(distinct, experiments);
        }
    }
}
