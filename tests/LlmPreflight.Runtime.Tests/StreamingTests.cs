using System.ClientModel;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

/// <summary><see cref="LlmGuard.StreamAsync{T}(Func{CancellationToken, IAsyncEnumerable{T}}, CancellationToken)"/> over real SSE streams.</summary>
public sealed class StreamingTests
{
    private static async Task<List<string>> ReadAllAsync(ChatClient client, List<string>? received = null, CancellationToken cancellationToken = default)
    {
        received ??= [];
        await foreach (var update in LlmGuard.StreamAsync(ct => client.CompleteChatStreamingAsync(Clients.Messages, null, ct), cancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                received.Add(part.Text);
            }
        }

        return received;
    }

    [Fact]
    public async Task CompleteStreamIsYieldedInOrder()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(ChatStream(["Hel", "lo", "!"]));

        var text = await ReadAllAsync(Clients.Chat(server));

        Assert.Equal(["Hel", "lo", "!"], text);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task FailureBeforeTheFirstItemIsRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(503), ChatStream(["Hel", "lo"]));

        var text = await ReadAllAsync(Clients.Chat(server));

        Assert.Equal(["Hel", "lo"], text);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task SlowFirstItemTimesOutTheAttemptAndIsRetried()
    {
        FastPolicy.Configure(p => p.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        await using var server = new ScriptedServer(After(TimeSpan.FromSeconds(5), ChatStream(["late"])), ChatStream(["Hel", "lo"]));

        var text = await ReadAllAsync(Clients.Chat(server));

        Assert.Equal(["Hel", "lo"], text);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task StreamThatStallsMidWayEndsWithAnIdleTimeoutAndIsNotRetried()
    {
        FastPolicy.Configure(p => p.StreamIdleTimeout = TimeSpan.FromMilliseconds(400));
        await using var server = new ScriptedServer(ChatStream(["Hel", "lo"], StreamEnd.Stall), ChatStream(["again"]));
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<LlmTimeoutException>(() => ReadAllAsync(Clients.Chat(server), received));

        Assert.Equal(LlmTimeoutKind.StreamIdle, error.Kind);
        Assert.Contains("StreamIdleTimeout", error.Message);
        Assert.Equal(["Hel", "lo"], received);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task ConnectionLostAfterItemsIsNotRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(ChatStream(["Hel"], StreamEnd.Reset), ChatStream(["again"]));
        var received = new List<string>();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ReadAllAsync(Clients.Chat(server), received));

        Assert.IsNotType<LlmTimeoutException>(error);
        Assert.Equal(["Hel"], received);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task TotalTimeoutEndsALongStream()
    {
        FastPolicy.Configure(p =>
        {
            p.TotalTimeout = TimeSpan.FromMilliseconds(600);
            p.AttemptTimeout = null;
        });
        await using var server = new ScriptedServer(ChatStream(["Hel"], StreamEnd.Stall));
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<LlmTimeoutException>(() => ReadAllAsync(Clients.Chat(server), received));

        Assert.Equal(LlmTimeoutKind.Total, error.Kind);
        Assert.Equal(["Hel"], received);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task CallerCancellationMidStreamIsNotRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(ChatStream(["Hel"], StreamEnd.Stall));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(1000));
        var received = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAllAsync(Clients.Chat(server), received, cts.Token));

        Assert.Equal(["Hel"], received);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task MicrosoftExtensionsAIStreamingIsGuarded()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(429, null, ("retry-after-ms", "100")), ChatStream(["Hel", "lo"]));
        IChatClient chat = Clients.Chat(server).AsIChatClient();
        var text = new List<string>();

        await foreach (var update in LlmGuard.StreamAsync(ct => chat.GetStreamingResponseAsync("hi", cancellationToken: ct)))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                text.Add(update.Text);
            }
        }

        Assert.Equal(["Hel", "lo"], text);
        Assert.Equal(2, server.Attempts);
    }
}
