using System;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>
    /// What one policy has spent and reserved in its current budget period. Kept apart from <see cref="BudgetState"/>
    /// (which holds the limit) so a configuration reload can hand the same ledger to the new policy: calls still in
    /// flight under the old configuration then spend and release into the counters the new one checks, and a reload
    /// cannot be used to start the period's spend from zero.
    /// </summary>
    internal sealed class BudgetLedger
    {
        private readonly object _gate = new object();
        private readonly long _periodTicks;
        private long _period = long.MinValue;
        private decimal _spent;
        private decimal _reserved;

        public BudgetLedger(TimeSpan period)
        {
            _periodTicks = period.Ticks;
        }

        /// <summary>Only a budget of the same period may continue this ledger: a different period counts a different window.</summary>
        public bool Counts(TimeSpan period) => period.Ticks == _periodTicks;

        /// <summary>Reserves <paramref name="estimate"/> when it fits under <paramref name="maxCost"/>; otherwise returns false with what is used and the period's index.</summary>
        public bool TryReserve(decimal estimate, decimal maxCost, DateTimeOffset now, out decimal used, out long period)
        {
            lock (_gate)
            {
                period = Roll(now);
                used = _spent + _reserved;
                decimal left = maxCost - used;
                if (left <= 0 || estimate > left)
                {
                    return false;
                }

                _reserved += estimate;
                return true;
            }
        }

        public void Release(decimal estimate)
        {
            lock (_gate)
            {
                _reserved = Math.Max(0, _reserved - estimate);
            }
        }

        public void Spend(decimal cost, DateTimeOffset now)
        {
            lock (_gate)
            {
                Roll(now);
                _spent += cost;
            }
        }

        public decimal Spent(DateTimeOffset now)
        {
            lock (_gate)
            {
                Roll(now);
                return _spent;
            }
        }

        private long Roll(DateTimeOffset now)
        {
            long sinceEpoch = now.UtcTicks - DateTimeOffset.FromUnixTimeMilliseconds(0).UtcTicks;
            long period = sinceEpoch / _periodTicks;
            if (period != _period)
            {
                _period = period;
                _spent = 0;
            }

            return period;
        }
    }
}
