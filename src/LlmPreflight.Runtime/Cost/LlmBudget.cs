using System;

namespace LlmPreflight
{
    /// <summary>
    /// A spending limit for one policy over a repeating period: <c>policy.Budget = new LlmBudget(5.00m, TimeSpan.FromDays(1))</c>.
    /// Periods are aligned to the Unix epoch in UTC, so a one-day budget resets at midnight UTC.
    /// </summary>
    public sealed class LlmBudget
    {
        /// <summary>Creates a budget.</summary>
        /// <param name="maxCost">The most the policy's calls may cost per period, in US dollars.</param>
        /// <param name="period">The period (at least one second).</param>
        public LlmBudget(decimal maxCost, TimeSpan period)
        {
            if (maxCost <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxCost), maxCost, "A budget needs a positive maximum cost in US dollars, e.g. 5.00m.");
            }

            if (period < TimeSpan.FromSeconds(1))
            {
                throw new ArgumentOutOfRangeException(nameof(period), period, "A budget period must be at least one second, e.g. TimeSpan.FromDays(1).");
            }

            MaxCost = maxCost;
            Period = period;
        }

        /// <summary>The most the policy's calls may cost per period, in US dollars.</summary>
        public decimal MaxCost { get; }

        /// <summary>The period over which <see cref="MaxCost"/> applies.</summary>
        public TimeSpan Period { get; }
    }
}
