using System;
using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>The configuration passed to <see cref="LlmGuard.Configure(Action{LlmGuardOptions})"/>: the default policy and named policies.</summary>
    public sealed partial class LlmGuardOptions
    {
        private readonly Dictionary<string, LlmPolicyOptions> _policies = new Dictionary<string, LlmPolicyOptions>(StringComparer.Ordinal);

        /// <summary>The policy used by the overloads that take no policy name.</summary>
        public LlmPolicyOptions DefaultPolicy { get; } = new LlmPolicyOptions();

        /// <summary>
        /// The clock for timeouts, back-off and Retry-After dates. Default <see cref="TimeProvider.System"/>;
        /// tests can pass a fake one.
        /// </summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        internal IReadOnlyDictionary<string, LlmPolicyOptions> Policies => _policies;

        /// <summary>
        /// Adds a named policy. It starts from the built-in defaults (not from <see cref="DefaultPolicy"/>),
        /// so each policy reads the same wherever it is declared.
        /// </summary>
        /// <param name="name">The name calls pass as <c>policyName</c>; compared case-sensitively.</param>
        /// <param name="configure">Sets the policy's options.</param>
        /// <returns>These options, for chaining.</returns>
        public LlmGuardOptions AddPolicy(string name, Action<LlmPolicyOptions> configure)
        {
            if (configure is null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                throw new LlmGuardConfigurationException(new[] { "AddPolicy was given an empty policy name. Pass a non-empty name such as \"cheap\"." });
            }

            if (name == LlmGuard.DefaultPolicyName)
            {
                throw new LlmGuardConfigurationException(new[] { $"AddPolicy(\"{LlmGuard.DefaultPolicyName}\") would hide the default policy. Configure it through {nameof(DefaultPolicy)} instead." });
            }

            if (_policies.ContainsKey(name))
            {
                throw new LlmGuardConfigurationException(new[] { $"The policy \"{name}\" is added twice. Add it once and set all its options in that call." });
            }

            var policy = new LlmPolicyOptions();
            configure(policy);
            _policies.Add(name, policy);
            return this;
        }
    }
}
