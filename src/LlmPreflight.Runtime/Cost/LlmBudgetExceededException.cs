using System;
using System.Globalization;

namespace LlmPreflight
{
    /// <summary>
    /// A call was not made because its estimated cost would exceed what is left of its policy's
    /// <see cref="LlmBudget"/> for the current period. No request was sent.
    /// </summary>
    public sealed class LlmBudgetExceededException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="policyName">The policy whose budget is spent.</param>
        /// <param name="budget">The budget.</param>
        /// <param name="spent">Spent (and reserved by calls in flight) in the current period, US dollars.</param>
        /// <param name="estimate">The blocked call's estimated cost, US dollars.</param>
        /// <param name="periodEnds">When the current period ends and the budget resets.</param>
        public LlmBudgetExceededException(string policyName, LlmBudget budget, decimal spent, decimal estimate, DateTimeOffset periodEnds)
            : base(string.Format(
                CultureInfo.InvariantCulture,
                "Policy '{0}' budget exceeded: {1:0.######} USD of {2:0.######} USD per {3} is spent or reserved, and this call is estimated at {4:0.######} USD. "
                + "The budget resets at {5:u}. Raise LlmPolicyOptions.Budget, wait, or add a fallback with AddFallback<T> (AddStreamFallback<T> for streams).",
                policyName,
                spent,
                budget?.MaxCost ?? 0,
                budget?.Period,
                estimate,
                periodEnds))
        {
            PolicyName = policyName;
            Budget = budget!;
            Spent = spent;
            Estimate = estimate;
            PeriodEnds = periodEnds;
        }

        /// <summary>The policy whose budget is spent.</summary>
        public string PolicyName { get; }

        /// <summary>The budget.</summary>
        public LlmBudget Budget { get; }

        /// <summary>Spent and reserved in the current period, US dollars.</summary>
        public decimal Spent { get; }

        /// <summary>The blocked call's estimated cost, US dollars.</summary>
        public decimal Estimate { get; }

        /// <summary>When the budget resets.</summary>
        public DateTimeOffset PeriodEnds { get; }
    }
}
