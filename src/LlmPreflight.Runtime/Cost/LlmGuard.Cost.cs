using System;
using LlmPreflight.Internal.Metering;

namespace LlmPreflight
{
    /// <summary>Cost tracking entry points of the guard.</summary>
    public static partial class LlmGuard
    {
        /// <summary>
        /// The cost tracker of the current configuration (<see cref="LlmGuardOptions.CostTracker"/>):
        /// <c>LlmGuard.Costs.Snapshot()</c> gives the sums per policy, model and prompt id.
        /// </summary>
        public static ILlmCostTracker Costs => Registry.Metering.Tracker;

        /// <summary>The context of the innermost <see cref="BeginScope(LlmCallContext)"/> scope on this async flow, or <c>null</c>.</summary>
        public static LlmCallContext? CurrentContext => CallScope.Current;

        /// <summary>
        /// Attributes the guarded calls made on this async flow, until the returned scope is disposed, to a prompt:
        /// <c>using (LlmGuard.BeginScope(promptId: "faq", version: "3")) { await LlmGuard.RunAsync(...); }</c>.
        /// </summary>
        /// <param name="promptId">The prompt's id; costs are summed per prompt id.</param>
        /// <param name="version">The prompt's version.</param>
        /// <returns>Dispose it to end the scope (the outer scope, if any, applies again).</returns>
        public static IDisposable BeginScope(string? promptId = null, string? version = null)
            => BeginScope(new LlmCallContext { PromptId = promptId, PromptVersion = version });

        /// <summary>
        /// Sets the context of the guarded calls made on this async flow until the returned scope is disposed:
        /// prompt id and version for cost attribution, and the requested model, input size and output bound
        /// for the budget estimate. An inner scope replaces the outer one as a whole. The context is copied.
        /// </summary>
        /// <param name="context">The context.</param>
        /// <returns>Dispose it to end the scope.</returns>
        public static IDisposable BeginScope(LlmCallContext context)
        {
            if (context is null)
            {
                throw new ArgumentNullException(nameof(context));
            }

            return CallScope.Begin(context.Copy());
        }
    }
}
