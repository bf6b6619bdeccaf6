using System.ClientModel;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

/// <summary>The guard around Microsoft.Extensions.AI clients (OpenAI underneath) and OpenAI embeddings.</summary>
public sealed class MicrosoftExtensionsAITests
{
    [Fact]
    public async Task ChatClientRateLimitIsRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(429, null, ("Retry-After", "0")), Json(ChatCompletionJson));
        IChatClient chat = Clients.Chat(server).AsIChatClient();

        ChatResponse response = await LlmGuard.RunAsync(ct => chat.GetResponseAsync("hi", cancellationToken: ct));

        Assert.Equal("hello", response.Text);
        Assert.Equal(2, server.Attempts);
        Assert.All(server.Requests, r => Assert.Equal("/v1/chat/completions", r.Path));
    }

    [Fact]
    public async Task ChatClientBadRequestIsNotRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(404));
        IChatClient chat = Clients.Chat(server).AsIChatClient();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => LlmGuard.RunAsync(ct => chat.GetResponseAsync("hi", cancellationToken: ct)));

        Assert.Equal(404, error.Status);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task OpenAIEmbeddingsServerErrorIsRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(500), Json(EmbeddingsJson));
        var client = Clients.Embeddings(server);

        var result = await LlmGuard.RunAsync(ct => client.GenerateEmbeddingsAsync(["a"], null, ct));

        Assert.Equal([0.5f, 0.25f], result.Value[0].ToFloats().ToArray());
        Assert.Equal(2, server.Attempts);
        Assert.All(server.Requests, r => Assert.Equal("/v1/embeddings", r.Path));
    }

    [Fact]
    public async Task EmbeddingGeneratorIsGuarded()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(503), Json(EmbeddingsJson));
        IEmbeddingGenerator<string, Embedding<float>> generator = Clients.Embeddings(server).AsIEmbeddingGenerator();

        var embeddings = await LlmGuard.RunAsync(ct => generator.GenerateAsync(["a"], cancellationToken: ct));

        Assert.Single(embeddings);
        Assert.Equal(2, server.Attempts);
    }
}
