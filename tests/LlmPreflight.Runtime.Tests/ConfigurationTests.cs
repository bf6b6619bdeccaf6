namespace LlmPreflight.Runtime.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void EveryInvalidSettingIsNamedWithItsFix()
    {
        var error = Assert.Throws<LlmGuardConfigurationException>(() => LlmGuard.Configure(o =>
        {
            o.DefaultPolicy.TotalTimeout = TimeSpan.FromSeconds(-1);
            o.DefaultPolicy.MaxRetryAfter = TimeSpan.FromSeconds(-5);
            o.AddPolicy("cheap", p =>
            {
                p.TotalTimeout = TimeSpan.FromSeconds(10);
                p.AttemptTimeout = TimeSpan.FromSeconds(30);
                p.MaxRetries = -1;
                p.BaseDelay = TimeSpan.FromSeconds(5);
                p.MaxDelay = TimeSpan.FromSeconds(1);
                p.RateLimitPermits = 0;
                p.RateLimitQueueLimit = -1;
            });
        }));

        Assert.Equal(7, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("policy 'default': TotalTimeout") && p.Contains("between 10 ms and 1 day"));
        Assert.Contains(error.Problems, p => p.Contains("policy 'default': MaxRetryAfter is negative"));
        Assert.Contains(error.Problems, p => p.Contains("policy 'cheap': AttemptTimeout") && p.Contains("Lower AttemptTimeout"));
        Assert.Contains(error.Problems, p => p.Contains("MaxRetries is -1"));
        Assert.Contains(error.Problems, p => p.Contains("MaxDelay") && p.Contains("at least BaseDelay"));
        Assert.Contains(error.Problems, p => p.Contains("RateLimitPermits is 0"));
        Assert.Contains(error.Problems, p => p.Contains("RateLimitQueueLimit is -1"));
    }

    [Fact]
    public void RetriesWithoutAnyBackOffAreRejectedUnlessJitterIsTurnedOff()
    {
        var error = Assert.Throws<LlmGuardConfigurationException>(() => LlmGuard.Configure(o => o.DefaultPolicy.BaseDelay = TimeSpan.Zero));
        Assert.Contains("UseJitter = false", error.Message);

        LlmGuard.Configure(o =>
        {
            o.DefaultPolicy.BaseDelay = TimeSpan.Zero;
            o.DefaultPolicy.UseJitter = false;
        });
    }

    [Fact]
    public void BackOffSettingsWithRetryOffAreAContradiction()
    {
        var error = Assert.Throws<LlmGuardConfigurationException>(() => LlmGuard.Configure(o =>
        {
            o.DefaultPolicy.MaxRetries = 0;
            o.DefaultPolicy.BaseDelay = TimeSpan.FromSeconds(2);
        }));

        Assert.Contains("MaxRetries is 0", error.Message);
        Assert.Contains("remove the back-off settings", error.Message);
        LlmGuard.Configure(o => o.DefaultPolicy.MaxRetries = 0);
    }

    [Fact]
    public async Task UnknownPolicyNameAtCallTimeSaysHowToAddIt()
    {
        LlmGuard.Configure(o => o.AddPolicy("cheap", p => p.MaxRetries = 1));

        var error = await Assert.ThrowsAsync<LlmGuardConfigurationException>(() => LlmGuard.RunAsync("chaep", _ => Task.FromResult(1)));

        Assert.Contains("\"chaep\"", error.Message);
        Assert.Contains("\"cheap\"", error.Message);
        Assert.Contains("AddPolicy(\"chaep\"", error.Message);
    }

    [Fact]
    public void DuplicateOrReservedPolicyNamesAreRejected()
    {
        Assert.Throws<LlmGuardConfigurationException>(() => LlmGuard.Configure(o => o.AddPolicy("a", _ => { }).AddPolicy("a", _ => { })));
        var error = Assert.Throws<LlmGuardConfigurationException>(() => LlmGuard.Configure(o => o.AddPolicy(LlmGuard.DefaultPolicyName, _ => { })));
        Assert.Contains("DefaultPolicy", error.Message);
    }

    [Fact]
    public async Task AFailedConfigureKeepsThePreviousConfiguration()
    {
        LlmGuard.Configure(o => o.AddPolicy("kept", p => p.MaxRetries = 0));

        Assert.Throws<LlmGuardConfigurationException>(() => LlmGuard.Configure(o => o.DefaultPolicy.MaxRetries = -1));

        Assert.Equal(7, await LlmGuard.RunAsync("kept", _ => Task.FromResult(7)));
    }

    [Fact]
    public async Task EntryPointsAcceptSyncAsyncAndVoidLambdas()
    {
        LlmGuard.Configure(_ => { });

        // async lambdas must bind to the Task overloads without ambiguity.
        int value = await LlmGuard.RunAsync(async ct =>
        {
            await Task.Yield();
            return 42;
        });
        await LlmGuard.RunAsync(async ct => await Task.Delay(1, ct));
        await LlmGuard.RunAsync(LlmGuard.DefaultPolicyName, ct => Task.Delay(1, ct));
        int sync = LlmGuard.Run(_ => 5);

        Assert.Equal(42, value);
        Assert.Equal(5, sync);
    }
}
