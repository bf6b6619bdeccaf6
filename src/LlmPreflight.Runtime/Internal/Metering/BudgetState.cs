using System;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>
    /// One policy's budget: the limit, checked against its <see cref="BudgetLedger"/>. Calls in flight reserve their
    /// estimate, so concurrent calls cannot all pass on the same remainder; each billed attempt adds its actual cost,
    /// and the estimate is released when the call ends.
    /// </summary>
    internal sealed class BudgetState
    {
        private readonly string _policyName;
        private readonly LlmBudget _budget;
        private readonly TimeProvider _time;

        /// <param name="policyName">The policy, for the exception's message.</param>
        /// <param name="budget">The limit.</param>
        /// <param name="time">The clock that decides the period.</param>
        /// <param name="carried">The previous configuration's ledger for this policy (a reload); used only when it counts the same period.</param>
        public BudgetState(string policyName, LlmBudget budget, TimeProvider time, BudgetLedger? carried = null)
        {
            _policyName = policyName;
            _budget = budget;
            _time = time;
            Ledger = carried != null && carried.Counts(budget.Period) ? carried : new BudgetLedger(budget.Period);
        }

        /// <summary>The spend and reservations, which a reload may hand on to the next configuration.</summary>
        public BudgetLedger Ledger { get; }

        /// <summary>Reserves the estimate, or returns the exception that blocks the call.</summary>
        public LlmBudgetExceededException? TryReserve(decimal estimate)
        {
            if (Ledger.TryReserve(estimate, _budget.MaxCost, _time.GetUtcNow(), out decimal used, out long period))
            {
                return null;
            }

            long ticks = _budget.Period.Ticks;
            var ends = new DateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(0).UtcTicks + ((period + 1) * ticks), TimeSpan.Zero);
            return new LlmBudgetExceededException(_policyName, _budget, used, estimate, ends);
        }

        public void Release(decimal estimate) => Ledger.Release(estimate);

        public void Spend(decimal cost) => Ledger.Spend(cost, _time.GetUtcNow());

        /// <summary>The spend in the current period (for tests and diagnostics).</summary>
        public decimal Spent => Ledger.Spent(_time.GetUtcNow());
    }
}
