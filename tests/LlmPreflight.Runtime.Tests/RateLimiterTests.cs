using LlmPreflight.Runtime.Tests.Infrastructure;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

public sealed class RateLimiterTests
{
    private static OpenAI.Chat.ChatClient OnePermitPerWindow(ScriptedServer server, int queueLimit)
    {
        FastPolicy.Configure(p =>
        {
            p.RateLimitPermits = 1;
            // Long enough that no permit comes back while the calls of one test are being started.
            p.RateLimitWindow = TimeSpan.FromSeconds(2);
            p.RateLimitQueueLimit = queueLimit;
        });
        return Clients.Chat(server);
    }

    [Fact]
    public async Task CallBeyondAFullQueueIsRejectedAndNeverSent()
    {
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        var client = OnePermitPerWindow(server, queueLimit: 1);

        // One call takes the permit, one waits in the queue, the third finds the queue full.
        var calls = Enumerable.Range(0, 3)
            .Select(_ => Task.Run(() => LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct))))
            .ToArray();
        var outcomes = await Task.WhenAll(calls.Select(async call =>
        {
            try
            {
                await call;
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }));

        var rejection = Assert.Single(outcomes, e => e != null);
        var error = Assert.IsType<LlmRateLimitRejectedException>(rejection);
        Assert.Equal(LlmGuard.DefaultPolicyName, error.PolicyName);
        Assert.Contains("RateLimitQueueLimit", error.Message);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task QueuedCallWaitsForTheWindowThenRuns()
    {
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        var client = OnePermitPerWindow(server, queueLimit: 5);

        await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));

        Assert.Equal(2, server.Attempts);
        // The second call waited in the queue for a segment of the sliding window to free its permit
        // (segments are a sixth of the window, and the replenishment ticks are not aligned with the calls).
        var gap = server.Requests[1].At - server.Requests[0].At;
        Assert.InRange(gap.TotalMilliseconds, 60, 4000);
    }
}
