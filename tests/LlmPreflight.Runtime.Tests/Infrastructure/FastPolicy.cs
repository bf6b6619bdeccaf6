namespace LlmPreflight.Runtime.Tests.Infrastructure;

/// <summary>Policy settings that keep the suite fast: short, jitter-free back-off and short timeouts.</summary>
public static class FastPolicy
{
    public static void Apply(LlmPolicyOptions policy)
    {
        policy.BaseDelay = TimeSpan.FromMilliseconds(50);
        policy.MaxDelay = TimeSpan.FromSeconds(1);
        policy.UseJitter = false;
        policy.AttemptTimeout = TimeSpan.FromSeconds(5);
        policy.TotalTimeout = TimeSpan.FromSeconds(20);
        policy.StreamIdleTimeout = TimeSpan.FromSeconds(5);
    }

    public static void Configure(Action<LlmPolicyOptions>? adjust = null)
        => LlmGuard.Configure(options =>
        {
            Apply(options.DefaultPolicy);
            adjust?.Invoke(options.DefaultPolicy);
        });
}
