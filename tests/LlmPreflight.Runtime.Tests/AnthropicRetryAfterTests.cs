using System.Diagnostics;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using LlmPreflight.Internal;
using LlmPreflight.Runtime.Tests.Infrastructure;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

/// <summary>
/// Anthropic's exceptions carry the status and request id but not the headers; with <see cref="LlmRetryAfterHandler"/>
/// under the real client the guard still waits as long as the server's Retry-After asks.
/// </summary>
public sealed class AnthropicRetryAfterTests
{
    private const string RateLimitBody = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"scripted\"}}";

    private static readonly MessageCreateParams Request = new()
    {
        Model = "claude-haiku-4-5",
        MaxTokens = 16,
        Messages = [new UserMessageParam("hi")],
    };

    private static AnthropicClient Client(ScriptedServer server, bool withHandler) => withHandler
        ? new() { BaseUrl = server.Url.TrimEnd('/'), ApiKey = "test", MaxRetries = 0, HttpClient = LlmRetryAfterHandler.CreateHttpClient() }
        : Clients.Anthropic(server);

    private static Func<System.Net.HttpListenerContext, CancellationToken, Task> RateLimited(string requestId, string retryAfter)
        => Status(429, RateLimitBody, ("retry-after", retryAfter), ("request-id", requestId));

    [Fact]
    public async Task WithTheHandlerTheServersRetryAfterIsHonoured()
    {
        FastPolicy.Configure();
        string id = "req_" + Guid.NewGuid().ToString("N");
        await using var server = new ScriptedServer(RateLimited(id, "1"), Json(AnthropicMessageJson));
        AnthropicClient client = Client(server, withHandler: true);

        Message message = await LlmGuard.RunAsync(ct => client.Messages.Create(Request, ct));

        Assert.Equal("msg_1", message.ID);
        Assert.Equal(2, server.Attempts);

        // FastPolicy's own back-off is 50 ms; the gap is the server's one second.
        Assert.InRange((server.Requests[1].At - server.Requests[0].At).TotalMilliseconds, 900, 3000);
    }

    [Fact]
    public async Task WithTheHandlerARetryAfterBeyondTheCapFailsAtOnce()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(RateLimited("req_" + Guid.NewGuid().ToString("N"), "3600"));
        AnthropicClient client = Client(server, withHandler: true);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<LlmRetryAfterTooLongException>(() => LlmGuard.RunAsync(ct => client.Messages.Create(Request, ct)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.Equal(1, server.Attempts);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.IsAssignableFrom<AnthropicRateLimitException>(error.InnerException);
    }

    [Fact]
    public async Task WithoutTheHandlerTheGuardsOwnBackOffApplies()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(RateLimited("req_" + Guid.NewGuid().ToString("N"), "2"), Json(AnthropicMessageJson));
        AnthropicClient client = Client(server, withHandler: false);

        await LlmGuard.RunAsync(ct => client.Messages.Create(Request, ct));

        Assert.Equal(2, server.Attempts);
        Assert.InRange((server.Requests[1].At - server.Requests[0].At).TotalMilliseconds, 0, 1500);
    }

    [Fact]
    public void OnlyTheNewestFailuresAreKept()
    {
        string first = "req_first_" + Guid.NewGuid().ToString("N");
        RetryAfterByRequest.Remember(first, new Dictionary<string, string> { ["Retry-After"] = "7" });
        Assert.Equal("7", RetryAfterByRequest.Header(first, "Retry-After"));

        for (int i = 0; i < RetryAfterByRequest.Capacity; i++)
        {
            RetryAfterByRequest.Remember("req_fill_" + i + "_" + Guid.NewGuid().ToString("N"), new Dictionary<string, string> { ["Retry-After"] = "1" });
        }

        Assert.Null(RetryAfterByRequest.Header(first, "Retry-After"));
        Assert.Null(RetryAfterByRequest.Header(null, "Retry-After"));
    }
}
