using LlmPreflight.Internal.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace LlmPreflight.Runtime.Tests.Tokens;

/// <summary>The tokens-per-minute bucket on fake time: 600 tokens per minute refill 10 tokens per second.</summary>
public sealed class TokensPerMinuteLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private TokensPerMinuteLimiter Limiter(int queueLimit = 10) => new("chat", tokensPerMinute: 600, queueLimit, _clock);

    [Fact]
    public void FreeTokensAreTakenAtOnce()
    {
        var limiter = Limiter();

        ValueTask first = limiter.AcquireAsync(400, CancellationToken.None);
        ValueTask second = limiter.AcquireAsync(200, CancellationToken.None);

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal(0, limiter.Available, 6);
    }

    [Fact]
    public async Task ACallWaitsUntilTheRefillCoversItThenRuns()
    {
        var limiter = Limiter();
        await limiter.AcquireAsync(550, CancellationToken.None);

        // 50 free, 100 needed: 5 s of refill.
        Task waiting = limiter.AcquireAsync(100, CancellationToken.None).AsTask();
        Assert.Equal(1, limiter.Queued);

        _clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, limiter.Queued);
        Assert.Equal(0, limiter.Available, 6);
    }

    [Fact]
    public async Task TheQueueIsFirstInFirstOutSoALargeCallIsNotStarved()
    {
        var limiter = Limiter();
        await limiter.AcquireAsync(600, CancellationToken.None);
        Task large = limiter.AcquireAsync(300, CancellationToken.None).AsTask();
        Task small = limiter.AcquireAsync(10, CancellationToken.None).AsTask();

        // After 1 s there are 10 tokens: enough for the small call, but the large one is first.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(small.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(30));
        await large.WaitAsync(TimeSpan.FromSeconds(5));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await small.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AFullQueueRejectsAtOnceSayingTokensAndWhenTheyWillBeFree()
    {
        var limiter = Limiter(queueLimit: 1);
        await limiter.AcquireAsync(600, CancellationToken.None);
        Task queued = limiter.AcquireAsync(100, CancellationToken.None).AsTask();

        var error = Assert.Throws<LlmRateLimitRejectedException>(() => limiter.AcquireAsync(200, CancellationToken.None));

        Assert.Equal(LlmRateLimitKind.Tokens, error.Limit);
        Assert.Equal(200, error.RequestedTokens);
        Assert.Equal("chat", error.PolicyName);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);   // 100 queued + 200 at 10 per second
        Assert.Contains("tokens-per-minute limiter (TokensPerMinute = 600)", error.Message);
        Assert.Contains("TokensPerMinuteQueueLimit", error.Message);
        Assert.False(queued.IsCompleted);
    }

    [Fact]
    public void ACallLargerThanAWholeMinutesAllowanceIsRejectedAtOnceEvenWithAnEmptyQueue()
    {
        var limiter = Limiter();

        var error = Assert.Throws<LlmRateLimitRejectedException>(() => limiter.AcquireAsync(601, CancellationToken.None));

        Assert.Equal(LlmRateLimitKind.Tokens, error.Limit);
        Assert.Contains("exceed the policy's whole allowance of TokensPerMinute = 600, so it could never run", error.Message);
        Assert.Equal(0, limiter.Queued);
        Assert.Equal(600, limiter.Available, 6);
    }

    [Fact]
    public async Task UsageAboveTheEstimateIsTakenAsDebtThatLaterCallsWaitOut()
    {
        var limiter = Limiter();
        await limiter.AcquireAsync(100, CancellationToken.None);

        limiter.Reconcile(reserved: 100, used: 900);
        Assert.Equal(-300, limiter.Available, 6);

        // 1 token needs the debt repaid first: 301 tokens, 30.1 s.
        Task next = limiter.AcquireAsync(1, CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(next.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task UsageBelowTheEstimateGivesTheRestBackUpToAFullMinute()
    {
        var limiter = Limiter();
        await limiter.AcquireAsync(500, CancellationToken.None);
        Task waiting = limiter.AcquireAsync(300, CancellationToken.None).AsTask();

        // The 500-token call used 150: 350 come back, 450 are free and the waiting call runs without any refill.
        limiter.Reconcile(reserved: 500, used: 150);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(150, limiter.Available, 6);

        // Giving back never raises the allowance above a minute's worth.
        limiter.Release(300);
        limiter.Release(600);
        Assert.Equal(600, limiter.Available, 6);
    }

    [Fact]
    public async Task ACancelledWaitLeavesTheQueueAndLetsTheNextCallThrough()
    {
        var limiter = Limiter();
        await limiter.AcquireAsync(590, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        Task large = limiter.AcquireAsync(500, cancel.Token).AsTask();
        Task small = limiter.AcquireAsync(10, CancellationToken.None).AsTask();
        Assert.False(small.IsCompleted);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => large);
        await small.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, limiter.Queued);
    }
}
