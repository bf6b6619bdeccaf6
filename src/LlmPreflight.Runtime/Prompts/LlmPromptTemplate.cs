using System;
using System.Collections.Generic;
using System.Linq;
using LlmPreflight.Internal.Prompts;

namespace LlmPreflight
{
    /// <summary>
    /// One version of a prompt, parsed and checked when the catalog was built: its header (id, version, description,
    /// model, typed parameters) and its messages. Immutable and thread-safe; <see cref="Render(IReadOnlyDictionary{string, object})"/> fills the placeholders.
    /// </summary>
    public sealed class LlmPromptTemplate
    {
        private readonly CompiledMessage[] _messages;
        private readonly Dictionary<string, int> _parameterIndex;

        internal LlmPromptTemplate(string id, string version, string? description, string? model, IReadOnlyList<LlmPromptParameter> parameters, IReadOnlyList<CompiledMessage> messages, string source)
        {
            Id = id;
            Version = version;
            Description = description;
            Model = model;
            Parameters = parameters;
            Source = source;
            _messages = messages.ToArray();
            Messages = _messages.Select(m => new LlmPromptMessage(m.Role, m.Source)).ToArray();
            _parameterIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < parameters.Count; i++)
            {
                _parameterIndex[parameters[i].Name] = i;
            }
        }

        /// <summary>The prompt's id (the header's <c>id</c>); recorded as <c>llmpreflight.prompt.id</c>.</summary>
        public string Id { get; }

        /// <summary>The version (the header's <c>version</c>: a whole or dotted number); recorded as <c>llmpreflight.prompt.version</c>.</summary>
        public string Version { get; }

        /// <summary>The header's <c>description</c>, or <c>null</c>.</summary>
        public string? Description { get; }

        /// <summary>The header's <c>model</c>, or <c>null</c>; a rendered prompt's scope passes it to the guard as the requested model.</summary>
        public string? Model { get; }

        /// <summary>The typed parameters, in the order they are declared.</summary>
        public IReadOnlyList<LlmPromptParameter> Parameters { get; }

        /// <summary>The messages as written, placeholders unrendered.</summary>
        public IReadOnlyList<LlmPromptMessage> Messages { get; }

        /// <summary>Where the template came from: the file path or the embedded resource's name.</summary>
        public string Source { get; }

        /// <summary>Fills the placeholders. Every parameter needs a value of its declared type, and no other keys are allowed.</summary>
        /// <param name="arguments">The values, keyed by parameter name (case-sensitive).</param>
        /// <returns>The rendered prompt, with this template's id and version and no variant.</returns>
        /// <exception cref="LlmPromptArgumentException">A value is missing, extra, null or of the wrong type; every problem is listed.</exception>
        public LlmPrompt Render(IReadOnlyDictionary<string, object?> arguments) => Render(arguments, null);

        /// <summary>The template as <c>id@version</c>.</summary>
        /// <returns>The template's name.</returns>
        public override string ToString() => Id + "@" + Version;

        internal LlmPrompt Render(IReadOnlyDictionary<string, object?> arguments, LlmPromptVariant? variant)
        {
            if (arguments is null)
            {
                throw new ArgumentNullException(nameof(arguments));
            }

            var values = new string[Parameters.Count];
            List<string>? problems = null;
            int given = 0;
            for (int i = 0; i < Parameters.Count; i++)
            {
                LlmPromptParameter parameter = Parameters[i];
                string? problem;
                if (arguments.TryGetValue(parameter.Name, out object? value))
                {
                    given++;
                    problem = PromptArgumentFormatter.TryFormat(parameter, value, out values[i]);
                }
                else
                {
                    problem = $"no value for parameter '{parameter.Name}' ({parameter.TypeName}).";
                }

                if (problem != null)
                {
                    (problems ??= new List<string>()).Add(problem);
                }
            }

            // Keys beyond the parameters found are extra: usually a typo of a parameter name, reported with the real names.
            if (arguments.Count > given)
            {
                foreach (string key in arguments.Keys)
                {
                    if (!_parameterIndex.ContainsKey(key))
                    {
                        (problems ??= new List<string>()).Add(Parameters.Count == 0
                            ? $"'{key}' is not a parameter of this prompt, which takes none."
                            : $"'{key}' is not a parameter of this prompt; its parameters are {string.Join(", ", Parameters)}.");
                    }
                }
            }

            if (problems != null)
            {
                throw new LlmPromptArgumentException(Id, Version, problems);
            }

            var messages = new LlmPromptMessage[_messages.Length];
            for (int i = 0; i < _messages.Length; i++)
            {
                messages[i] = new LlmPromptMessage(_messages[i].Role, _messages[i].Render(values));
            }

            return new LlmPrompt(this, messages, variant);
        }

        /// <summary>Whether another template takes the same arguments (names and types), so one argument set renders either.</summary>
        internal bool TakesSameArguments(LlmPromptTemplate other)
            => Parameters.Count == other.Parameters.Count
                && Parameters.All(p => other._parameterIndex.TryGetValue(p.Name, out int i) && other.Parameters[i].TypeName == p.TypeName);
    }
}
