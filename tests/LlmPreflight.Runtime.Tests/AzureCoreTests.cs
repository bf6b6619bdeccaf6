using Azure;
using LlmPreflight.Runtime.Tests.Infrastructure;

namespace LlmPreflight.Runtime.Tests;

/// <summary>
/// Azure.Core's RequestFailedException (Azure.AI.OpenAI 1.0.0-beta, Azure.AI.Inference): status and
/// Retry-After are read through the delegates the runtime compiles for that type name.
/// </summary>
public sealed class AzureCoreTests
{
    private static Func<CancellationToken, Task<int>> FailingThen(List<DateTimeOffset> attempts, params Response[] failures)
        => _ =>
        {
            attempts.Add(DateTimeOffset.UtcNow);
            return attempts.Count <= failures.Length ? throw new RequestFailedException(failures[attempts.Count - 1]) : Task.FromResult(attempts.Count);
        };

    [Fact]
    public async Task ThrottlingIsRetriedAfterRetryAfterMs()
    {
        FastPolicy.Configure();
        var attempts = new List<DateTimeOffset>();

        int result = await LlmGuard.RunAsync(FailingThen(attempts, new ScriptedAzureResponse(429, ("retry-after-ms", "300"))));

        Assert.Equal(2, result);
        Assert.InRange((attempts[1] - attempts[0]).TotalMilliseconds, 250, 2000);
    }

    [Fact]
    public async Task ClientErrorIsNotRetried()
    {
        FastPolicy.Configure();
        var attempts = new List<DateTimeOffset>();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => LlmGuard.RunAsync(FailingThen(attempts, new ScriptedAzureResponse(403))));

        Assert.Equal(403, error.Status);
        Assert.Single(attempts);
    }

    [Fact]
    public async Task RetryAfterBeyondTheCapFailsAtOnce()
    {
        FastPolicy.Configure(p => p.MaxRetryAfter = TimeSpan.FromSeconds(10));
        var attempts = new List<DateTimeOffset>();

        var error = await Assert.ThrowsAsync<LlmRetryAfterTooLongException>(() =>
            LlmGuard.RunAsync(FailingThen(attempts, new ScriptedAzureResponse(503, ("Retry-After", "11")))));

        Assert.Equal(TimeSpan.FromSeconds(11), error.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(10), error.MaxRetryAfter);
        Assert.Single(attempts);
    }
}
