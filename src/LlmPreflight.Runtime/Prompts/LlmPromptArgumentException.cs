using System;
using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>
    /// The arguments given to render a prompt do not match its parameters: a value is missing, extra, null or of the
    /// wrong type. Thrown before anything is sent; the message names the prompt, its version and each parameter.
    /// </summary>
    public sealed class LlmPromptArgumentException : ArgumentException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="promptId">The prompt's id.</param>
        /// <param name="version">The prompt's version.</param>
        /// <param name="problems">One sentence per problem, each naming the parameter.</param>
        public LlmPromptArgumentException(string promptId, string version, IReadOnlyList<string> problems)
            : base(BuildMessage(promptId, version, problems), "arguments")
        {
            PromptId = promptId;
            Version = version;
            Problems = problems;
        }

        /// <summary>The prompt's id.</summary>
        public string PromptId { get; }

        /// <summary>The prompt's version.</summary>
        public string Version { get; }

        /// <summary>One sentence per problem, each naming the parameter.</summary>
        public IReadOnlyList<string> Problems { get; }

        /// <summary>The message without the parameter-name suffix <see cref="ArgumentException"/> would add.</summary>
        public override string Message => BuildMessage(PromptId, Version, Problems);

        private static string BuildMessage(string promptId, string version, IReadOnlyList<string> problems)
        {
            string prompt = $"Prompt '{promptId}' version {version}: ";
            return problems.Count == 1
                ? prompt + problems[0]
                : prompt + problems.Count + " problems:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems);
        }
    }
}
