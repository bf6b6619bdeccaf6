using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

/// <summary><see cref="LlmGuardChatClient"/> and <see cref="LlmGuardEmbeddingGenerator{TInput, TEmbedding}"/> in real MEAI pipelines.</summary>
public sealed class MeaiMiddlewareTests
{
    private static IChatClient GuardedChat(ScriptedServer server, string? policyName = null)
        => Clients.Chat(server).AsIChatClient().AsBuilder().UseLlmPreflight(policyName).Build();

    [Fact]
    public async Task ServiceUnavailableThenSuccessIsRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(503), Json(ChatCompletionJson));
        using IChatClient chat = GuardedChat(server);

        ChatResponse response = await chat.GetResponseAsync("hi");

        Assert.Equal("hello", response.Text);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task AOneShotMessageSequenceIsSentWholeOnEveryAttempt()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(503), Json(ChatCompletionJson));
        using IChatClient chat = GuardedChat(server);

        await chat.GetResponseAsync(new OneShot<ChatMessage>(new ChatMessage(ChatRole.User, "first question")));

        Assert.Equal(2, server.Attempts);
        Assert.All(server.Requests, r => Assert.Contains("first question", r.Body));
    }

    [Fact]
    public async Task NamedPolicyIsUsed()
    {
        LlmGuard.Configure(o => o.AddPolicy("once", p => p.MaxRetries = 0));
        await using var server = new ScriptedServer(Status(503), Json(ChatCompletionJson));
        using IChatClient chat = GuardedChat(server, "once");

        await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => chat.GetResponseAsync("hi"));

        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task StreamIsRetriedBeforeItsFirstUpdate()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(503), ChatStream(["Hel", "lo"]));
        using IChatClient chat = GuardedChat(server);
        var text = new List<string>();

        await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("hi"))
        {
            text.Add(update.Text);
        }

        Assert.Equal("Hello", string.Concat(text));
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task StalledStreamHitsTheIdleTimeout()
    {
        FastPolicy.Configure(p => p.StreamIdleTimeout = TimeSpan.FromMilliseconds(400));
        await using var server = new ScriptedServer(ChatStream(["Hel", "lo"], StreamEnd.Stall));
        using IChatClient chat = GuardedChat(server);
        var text = new List<string>();

        var error = await Assert.ThrowsAsync<LlmTimeoutException>(async () =>
        {
            await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("hi"))
            {
                text.Add(update.Text);
            }
        });

        Assert.Equal(LlmTimeoutKind.StreamIdle, error.Kind);
        Assert.Equal("Hello", string.Concat(text));
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task EmbeddingGeneratorRetries()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(503), Json(EmbeddingsJson));
        using IEmbeddingGenerator<string, Embedding<float>> generator = Clients.Embeddings(server).AsIEmbeddingGenerator()
            .AsBuilder().UseLlmPreflight().Build();

        GeneratedEmbeddings<Embedding<float>> embeddings = await generator.GenerateAsync(["a"]);

        Assert.Equal([0.5f, 0.25f], embeddings[0].Vector.ToArray());
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task GetServiceFindsTheGuardAndItsPolicy()
    {
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        using IChatClient chat = GuardedChat(server, "cheap");
        using IEmbeddingGenerator<string, Embedding<float>> generator = Clients.Embeddings(server).AsIEmbeddingGenerator()
            .AsBuilder().UseLlmPreflight("cheap").Build();

        LlmGuardChatClient? guard = chat.GetService<LlmGuardChatClient>();
        var embeddingGuard = generator.GetService<LlmGuardEmbeddingGenerator<string, Embedding<float>>>();

        Assert.Same(chat, guard);
        Assert.Equal("cheap", guard!.PolicyName);
        Assert.Same(generator, embeddingGuard);
        Assert.Equal("cheap", embeddingGuard!.PolicyName);
        Assert.NotNull(chat.GetService<ChatClientMetadata>());
    }
}

/// <summary>A sequence that can be enumerated once, as a LINQ query over a stream or a consumed iterator behaves.</summary>
internal sealed class OneShot<T>(params T[] items) : IEnumerable<T>
{
    private int _used;

    public IEnumerator<T> GetEnumerator()
        => Interlocked.Exchange(ref _used, 1) == 0
            ? ((IEnumerable<T>)items).GetEnumerator()
            : throw new InvalidOperationException("This sequence can be enumerated only once.");

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
