using System;
using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>
    /// A prompt catalog could not be built: a prompt file is malformed, an id and version appear twice, or an
    /// experiment is invalid. Every problem is reported at once; each names the file and line (or the experiment,
    /// or the configuration key) and what to change. Thrown by <see cref="LlmPromptCatalogBuilder.Build"/>, at
    /// start-up, so a broken prompt never fails a request.
    /// </summary>
    public sealed class LlmPromptCatalogException : Exception
    {
        /// <summary>Creates the exception from one or more problems.</summary>
        /// <param name="problems">One sentence per problem.</param>
        public LlmPromptCatalogException(IReadOnlyList<string> problems)
            : base(BuildMessage(problems))
        {
            Problems = problems;
        }

        /// <summary>One sentence per problem, each naming where it is and the fix.</summary>
        public IReadOnlyList<string> Problems { get; }

        private static string BuildMessage(IReadOnlyList<string> problems)
            => problems.Count == 1
                ? "Invalid prompt catalog: " + problems[0]
                : "Invalid prompt catalog (" + problems.Count + " problems):" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems);
    }
}
