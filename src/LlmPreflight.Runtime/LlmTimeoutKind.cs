namespace LlmPreflight
{
    /// <summary>Which of a policy's time limits ended a guarded call.</summary>
    public enum LlmTimeoutKind
    {
        /// <summary>The whole call, all attempts and waits between them included, ran past <see cref="LlmPolicyOptions.TotalTimeout"/>.</summary>
        Total,

        /// <summary>The last attempt ran past <see cref="LlmPolicyOptions.AttemptTimeout"/> and no retry was left.</summary>
        Attempt,

        /// <summary>A stream produced no item for <see cref="LlmPolicyOptions.StreamIdleTimeout"/>.</summary>
        StreamIdle,
    }
}
