using System;
using System.Collections.Generic;
using System.Linq;

namespace LlmPreflight.Internal
{
    /// <summary>An immutable snapshot of all configured policies; <see cref="LlmGuard.Configure"/> swaps it as a whole.</summary>
    internal sealed class PolicyRegistry
    {
        private readonly Dictionary<string, GuardPolicy> _policies;

        private PolicyRegistry(Dictionary<string, GuardPolicy> policies, GuardPolicy defaultPolicy)
        {
            _policies = policies;
            Default = defaultPolicy;
        }

        public GuardPolicy Default { get; }

        /// <summary>Prices, cost tracker, budgets (see Internal/Metering).</summary>
        public Metering.MeteringRuntime Metering { get; private set; } = null!;

        /// <summary>Each policy's cache settings and the store (see Internal/Caching).</summary>
        public Caching.CacheRuntime Caching { get; private set; } = null!;

        /// <param name="options">The configuration.</param>
        /// <param name="previous">On a configuration reload, the registry this one replaces: budget spend and cache stores carry over.</param>
        public static PolicyRegistry Build(LlmGuardOptions options, PolicyRegistry? previous = null)
        {
            OptionsValidator.Validate(options);

            // Metering first: a policy's tokens-per-minute limiter lives there and its pipeline reserves from it.
            var metering = new Metering.MeteringRuntime(options, previous?.Metering);
            var policies = new Dictionary<string, GuardPolicy>(StringComparer.Ordinal);
            var defaultPolicy = new GuardPolicy(LlmGuard.DefaultPolicyName, options.DefaultPolicy, options.TimeProvider, metering.For(LlmGuard.DefaultPolicyName).Tokens);
            policies.Add(LlmGuard.DefaultPolicyName, defaultPolicy);
            foreach (KeyValuePair<string, LlmPolicyOptions> policy in options.Policies)
            {
                policies.Add(policy.Key, new GuardPolicy(policy.Key, policy.Value, options.TimeProvider, metering.For(policy.Key).Tokens));
            }

            foreach (GuardPolicy policy in policies.Values)
            {
                policy.Meter = metering.For(policy.Name);
            }

            var caching = new Caching.CacheRuntime(options);
            if (previous != null)
            {
                caching.KeepStoresOf(previous.Caching);
            }

            return new PolicyRegistry(policies, defaultPolicy) { Metering = metering, Caching = caching };
        }

        public GuardPolicy Get(string policyName)
        {
            // The overloads without a policy name pass the constant itself: no lookup for the most common call.
            if (ReferenceEquals(policyName, LlmGuard.DefaultPolicyName))
            {
                return Default;
            }

            if (policyName is null)
            {
                throw new ArgumentNullException(nameof(policyName));
            }

            if (_policies.TryGetValue(policyName, out GuardPolicy? policy))
            {
                return policy;
            }

            string known = string.Join(", ", _policies.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => "\"" + k + "\""));
            throw new LlmGuardConfigurationException(new[]
            {
                $"No policy is named \"{policyName}\" (known: {known}). Fix the name at the call, or add the policy with "
                + $"LlmGuard.Configure(o => o.AddPolicy(\"{policyName}\", p => {{ ... }})) at start-up.",
            });
        }
    }
}
