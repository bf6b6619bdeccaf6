using System;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>
    /// One policy's spend in the current budget period. Calls in flight reserve their estimate, so
    /// concurrent calls cannot all pass on the same remainder; each billed attempt adds its actual cost,
    /// and the estimate is released when the call ends.
    /// </summary>
    internal sealed class BudgetState
    {
        private readonly object _gate = new object();
        private readonly string _policyName;
        private readonly LlmBudget _budget;
        private readonly TimeProvider _time;
        private long _period = long.MinValue;
        private decimal _spent;
        private decimal _reserved;

        public BudgetState(string policyName, LlmBudget budget, TimeProvider time)
        {
            _policyName = policyName;
            _budget = budget;
            _time = time;
        }

        /// <summary>Reserves the estimate, or returns the exception that blocks the call.</summary>
        public LlmBudgetExceededException? TryReserve(decimal estimate)
        {
            lock (_gate)
            {
                long period = Roll();
                decimal used = _spent + _reserved;
                decimal left = _budget.MaxCost - used;
                if (left <= 0 || estimate > left)
                {
                    long ticks = _budget.Period.Ticks;
                    var ends = new DateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(0).UtcTicks + ((period + 1) * ticks), TimeSpan.Zero);
                    return new LlmBudgetExceededException(_policyName, _budget, used, estimate, ends);
                }

                _reserved += estimate;
                return null;
            }
        }

        public void Release(decimal estimate)
        {
            lock (_gate)
            {
                _reserved = Math.Max(0, _reserved - estimate);
            }
        }

        public void Spend(decimal cost)
        {
            lock (_gate)
            {
                Roll();
                _spent += cost;
            }
        }

        /// <summary>The spend in the current period (for tests and diagnostics).</summary>
        public decimal Spent
        {
            get
            {
                lock (_gate)
                {
                    Roll();
                    return _spent;
                }
            }
        }

        private long Roll()
        {
            long sinceEpoch = _time.GetUtcNow().UtcTicks - DateTimeOffset.FromUnixTimeMilliseconds(0).UtcTicks;
            long period = sinceEpoch / _budget.Period.Ticks;
            if (period != _period)
            {
                _period = period;
                _spent = 0;
            }

            return period;
        }
    }
}
