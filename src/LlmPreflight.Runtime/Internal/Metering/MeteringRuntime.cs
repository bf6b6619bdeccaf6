using System;
using System.Collections.Generic;
using LlmPreflight.Internal.Tokens;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>The cost side of one applied configuration: prices, tracker, and each policy's budget and fallbacks.</summary>
    internal sealed class MeteringRuntime
    {
        private readonly Dictionary<string, PolicyMeter> _policies = new Dictionary<string, PolicyMeter>(StringComparer.Ordinal);

        /// <param name="options">The configuration being applied.</param>
        /// <param name="previous">The configuration it replaces on a reload, whose budget spend carries over; null otherwise.</param>
        public MeteringRuntime(LlmGuardOptions options, MeteringRuntime? previous = null)
        {
            Prices = options.Prices?.Copy() ?? LlmPriceTable.CreateEmpty();
            Tracker = options.CostTracker ?? new LlmCostTracker();
            TimeProvider = options.TimeProvider ?? TimeProvider.System;

            // Create the meter and activity source now, at configuration time, rather than on the first call.
            Telemetry.Warm();
            Add(LlmGuard.DefaultPolicyName, options.DefaultPolicy, previous);
            foreach (KeyValuePair<string, LlmPolicyOptions> policy in options.Policies)
            {
                Add(policy.Key, policy.Value, previous);
            }
        }

        public LlmPriceTable Prices { get; }

        public ILlmCostTracker Tracker { get; }

        public TimeProvider TimeProvider { get; }

        public PolicyMeter For(string policyName) => _policies[policyName];

        private void Add(string name, LlmPolicyOptions options, MeteringRuntime? previous)
            => _policies[name] = new PolicyMeter(
                name,
                options.Budget is LlmBudget budget ? new BudgetState(name, budget, TimeProvider, CarriedLedger(previous, name)) : null,
                Copy(options.Fallbacks))
            {
                Tokens = options.TokensPerMinute is int tokensPerMinute ? new TokensPerMinuteLimiter(name, tokensPerMinute, options.TokensPerMinuteQueueLimit, TimeProvider) : null,
            };

        private static BudgetLedger? CarriedLedger(MeteringRuntime? previous, string name)
            => previous != null && previous._policies.TryGetValue(name, out PolicyMeter? meter) ? meter.Budget?.Ledger : null;

        private static Dictionary<Type, Func<Exception, object?>> Copy(IReadOnlyDictionary<Type, Func<Exception, object?>> source)
        {
            var copy = new Dictionary<Type, Func<Exception, object?>>();
            foreach (KeyValuePair<Type, Func<Exception, object?>> pair in source)
            {
                copy.Add(pair.Key, pair.Value);
            }

            return copy;
        }
    }

    /// <summary>One policy's budget state and fallbacks (a copy, as the guard's own policy keeps).</summary>
    internal sealed class PolicyMeter
    {
        public PolicyMeter(string name, BudgetState? budget, Dictionary<Type, Func<Exception, object?>> fallbacks)
        {
            Name = name;
            Budget = budget;
            Fallbacks = fallbacks;
        }

        public string Name { get; }

        public BudgetState? Budget { get; }

        public Dictionary<Type, Func<Exception, object?>> Fallbacks { get; }

        /// <summary>The tokens-per-minute limiter (null when off), shared with the policy's pipeline, which reserves from it.</summary>
        public TokensPerMinuteLimiter? Tokens { get; set; }

        /// <summary>Where this policy's calls were last summed by the in-memory tracker (a field: passed by reference).</summary>
        public LlmCostTracker.SumHint? CostHint;
    }
}
