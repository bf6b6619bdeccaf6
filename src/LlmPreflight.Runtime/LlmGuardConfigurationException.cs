using System;
using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>
    /// LlmGuard's configuration is invalid, or a call named a policy that does not exist. The message
    /// names each setting to change and how.
    /// </summary>
    public sealed class LlmGuardConfigurationException : Exception
    {
        /// <summary>Creates the exception from one or more problems.</summary>
        /// <param name="problems">One sentence per problem, each naming the setting and the fix.</param>
        public LlmGuardConfigurationException(IReadOnlyList<string> problems)
            : base(BuildMessage(problems))
        {
            Problems = problems;
        }

        /// <summary>A problem that surfaced as another exception (for example a configure delegate that threw during a reload).</summary>
        internal LlmGuardConfigurationException(string problem, Exception inner)
            : base(BuildMessage(new[] { problem }), inner)
        {
            Problems = new[] { problem };
        }

        /// <summary>One sentence per problem, each naming the setting and the fix.</summary>
        public IReadOnlyList<string> Problems { get; }

        private static string BuildMessage(IReadOnlyList<string> problems)
            => problems.Count == 1
                ? "Invalid LlmGuard configuration: " + problems[0]
                : "Invalid LlmGuard configuration:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems);
    }
}
