using System;

namespace LlmPreflight
{
    /// <summary>
    /// A guarded call ran out of time. It derives from <see cref="TimeoutException"/> so existing
    /// <c>catch (TimeoutException)</c> blocks keep working.
    /// </summary>
    public sealed class LlmTimeoutException : TimeoutException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="policyName">The policy whose limit was reached.</param>
        /// <param name="kind">Which limit was reached.</param>
        /// <param name="timeout">The limit's value.</param>
        /// <param name="innerException">The exception that reported the timeout, if any.</param>
        public LlmTimeoutException(string policyName, LlmTimeoutKind kind, TimeSpan timeout, Exception? innerException)
            : base(BuildMessage(policyName, kind, timeout), innerException)
        {
            PolicyName = policyName;
            Kind = kind;
            Timeout = timeout;
        }

        /// <summary>The policy whose limit was reached.</summary>
        public string PolicyName { get; }

        /// <summary>Which limit was reached.</summary>
        public LlmTimeoutKind Kind { get; }

        /// <summary>The limit's value.</summary>
        public TimeSpan Timeout { get; }

        private static string BuildMessage(string policyName, LlmTimeoutKind kind, TimeSpan timeout)
        {
            string setting = kind switch
            {
                LlmTimeoutKind.Total => nameof(LlmPolicyOptions.TotalTimeout),
                LlmTimeoutKind.Attempt => nameof(LlmPolicyOptions.AttemptTimeout),
                _ => nameof(LlmPolicyOptions.StreamIdleTimeout),
            };
            string what = kind switch
            {
                LlmTimeoutKind.Total => "The model call did not finish, retries included,",
                LlmTimeoutKind.Attempt => "The last attempt of the model call did not finish",
                _ => "The model stream sent no item",
            };
            return $"{what} within {timeout.TotalSeconds:0.###} s (LlmGuard policy '{policyName}', {setting}). "
                + $"If the model legitimately needs longer, raise {nameof(LlmPolicyOptions)}.{setting} for this policy.";
        }
    }
}
