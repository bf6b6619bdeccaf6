using System;

namespace LlmPreflight
{
    /// <summary>Prompt catalog entry points of the guard.</summary>
    public static partial class LlmGuard
    {
        /// <summary>
        /// Attributes the guarded calls made on this async flow, until the returned scope is disposed, to a rendered
        /// prompt: its id, version, experiment and variant are recorded on every metric, activity and cost record, and
        /// its model and size feed the budget estimate. Same as <c>BeginScope(prompt.ToCallContext())</c>.
        /// </summary>
        /// <param name="prompt">The rendered prompt.</param>
        /// <returns>Dispose it to end the scope.</returns>
        public static IDisposable BeginScope(LlmPrompt prompt)
        {
            if (prompt is null)
            {
                throw new ArgumentNullException(nameof(prompt));
            }

            return BeginScope(prompt.ToCallContext());
        }
    }
}
