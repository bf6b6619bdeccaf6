using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using LlmPreflight.Runtime.Tests.Infrastructure;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

/// <summary>
/// The guard around the real Anthropic client: its exceptions are recognised by type name (the runtime
/// does not reference Anthropic), so these tests are what proves the names are right.
/// </summary>
public sealed class AnthropicTests
{
    private static readonly MessageCreateParams Request = new()
    {
        Model = "claude-haiku-4-5",
        MaxTokens = 16,
        Messages = [new UserMessageParam("hi")],
    };

    private static Task<Message> Create(ScriptedServer server)
    {
        var client = Clients.Anthropic(server);
        return LlmGuard.RunAsync(ct => client.Messages.Create(Request, ct));
    }

    [Fact]
    public async Task RateLimitIsRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(AnthropicError(429, "rate_limit_error"), Json(AnthropicMessageJson));

        Message message = await Create(server);

        Assert.Equal("msg_1", message.ID);
        Assert.Equal(2, server.Attempts);
        Assert.All(server.Requests, r => Assert.Equal("/v1/messages", r.Path));
    }

    [Fact]
    public async Task OverloadedAndServerErrorsAreRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(AnthropicError(529, "overloaded_error"), AnthropicError(500, "api_error"), Json(AnthropicMessageJson));

        await Create(server);

        Assert.Equal(3, server.Attempts);
    }

    [Fact]
    public async Task BadRequestIsNotRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(AnthropicError(400, "invalid_request_error"));

        await Assert.ThrowsAsync<AnthropicBadRequestException>(() => Create(server));

        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task ExhaustedRetriesSurfaceTheAnthropicException()
    {
        FastPolicy.Configure(p => p.MaxRetries = 1);
        await using var server = new ScriptedServer(AnthropicError(429, "rate_limit_error"));

        await Assert.ThrowsAsync<AnthropicRateLimitException>(() => Create(server));

        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task ConnectionLossIsRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Reset(), Json(AnthropicMessageJson));

        await Create(server);

        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task StreamIsRetriedUntilTheFirstEventOnly()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(AnthropicError(529, "overloaded_error"), AnthropicStream(["Hel", "lo"]));
        var client = Clients.Anthropic(server);
        var text = new List<string>();

        await foreach (var streamEvent in LlmGuard.StreamAsync(ct => client.Messages.CreateStreaming(Request, ct)))
        {
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var textDelta))
            {
                text.Add(textDelta.Text);
            }
        }

        Assert.Equal(["Hel", "lo"], text);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task StalledStreamEndsWithAnIdleTimeout()
    {
        FastPolicy.Configure(p => p.StreamIdleTimeout = TimeSpan.FromMilliseconds(400));
        await using var server = new ScriptedServer(AnthropicStream(["Hel"], StreamEnd.Stall), AnthropicStream(["again"]));
        var client = Clients.Anthropic(server);
        int events = 0;

        var error = await Assert.ThrowsAsync<LlmTimeoutException>(async () =>
        {
            await foreach (var _ in LlmGuard.StreamAsync(ct => client.Messages.CreateStreaming(Request, ct)))
            {
                events++;
            }
        });

        Assert.Equal(LlmTimeoutKind.StreamIdle, error.Kind);
        Assert.Equal(3, events);
        Assert.Equal(1, server.Attempts);
    }
}
