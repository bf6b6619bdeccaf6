using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace LlmPreflight.Runtime.Tests;

/// <summary>
/// Long waits (minutes of timeout, seconds of back-off) checked on a fake clock, so the defaults
/// themselves are exercised without the suite waiting for them.
/// </summary>
public sealed class FakeClockTests
{
    private static async Task<T> AdvanceUntilDone<T>(FakeTimeProvider clock, Task<T> task, TimeSpan step, int maxSteps = 1000)
    {
        for (int i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Delay(2);
            clock.Advance(step);
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task DefaultTotalTimeoutIsFiveMinutes()
    {
        var clock = new FakeTimeProvider();
        LlmGuard.Configure(o =>
        {
            o.TimeProvider = clock;
            o.DefaultPolicy.AttemptTimeout = null;
        });

        var call = LlmGuard.RunAsync<int>(async ct =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return 0;
        });
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<LlmTimeoutException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal(LlmTimeoutKind.Total, error.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), error.Timeout);
    }

    [Fact]
    public async Task DefaultPolicyRetriesThreeTimesWithGrowingBackOff()
    {
        var clock = new FakeTimeProvider();
        LlmGuard.Configure(o => o.TimeProvider = clock);
        var attempts = new List<DateTimeOffset>();

        var call = LlmGuard.RunAsync<int>(_ =>
        {
            attempts.Add(clock.GetUtcNow());
            throw new HttpRequestException("busy", null, HttpStatusCode.ServiceUnavailable);
        });
        await Assert.ThrowsAsync<HttpRequestException>(() => AdvanceUntilDone(clock, call, TimeSpan.FromMilliseconds(100)));

        Assert.Equal(4, attempts.Count);
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToArray();
        // Jittered exponential back-off from a 1 s base: the waits grow on average and none is zero.
        Assert.All(gaps, gap => Assert.True(gap > TimeSpan.Zero));
        Assert.True(gaps.Sum(g => g.TotalSeconds) > 2, string.Join(", ", gaps));
    }

    [Fact]
    public async Task DefaultAttemptTimeoutIsRetriedAfterOneHundredSeconds()
    {
        var clock = new FakeTimeProvider();
        LlmGuard.Configure(o => o.TimeProvider = clock);
        var attempts = new List<DateTimeOffset>();

        var call = LlmGuard.RunAsync(async ct =>
        {
            attempts.Add(clock.GetUtcNow());
            if (attempts.Count == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }

            return attempts.Count;
        });

        Assert.Equal(2, await AdvanceUntilDone(clock, call, TimeSpan.FromSeconds(1)));
        Assert.InRange(attempts[1] - attempts[0], TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(115));
    }
}
