using LlmPreflight.Runtime.Tests.Infrastructure;
using OllamaSharp;
using OllamaSharp.Models;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

/// <summary>The guard around the real OllamaSharp client (which has no retries of its own).</summary>
public sealed class OllamaTests
{
    private const string EmbedJson = "{\"model\":\"all-minilm\",\"embeddings\":[[0.5,0.25]]}";

    private static Task<EmbedResponse> Embed(ScriptedServer server)
    {
        var client = new OllamaApiClient(new Uri(server.Url), "all-minilm");
        return LlmGuard.RunAsync(ct => client.EmbedAsync(new EmbedRequest { Model = "all-minilm", Input = ["a"] }, ct));
    }

    [Fact]
    public async Task ServiceUnavailableIsRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(503, "{\"error\":\"loading model\"}"), Json(EmbedJson));

        var response = await Embed(server);

        Assert.Equal([0.5f, 0.25f], response.Embeddings[0]);
        Assert.Equal(2, server.Attempts);
        Assert.All(server.Requests, r => Assert.Equal("/api/embed", r.Path));
    }

    [Fact]
    public async Task NotFoundIsNotRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(404, "{\"error\":\"model not found\"}"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Embed(server));

        Assert.True(error is HttpRequestException { StatusCode: System.Net.HttpStatusCode.NotFound }, error.GetType().FullName + ": " + error.Message);

        Assert.Equal(1, server.Attempts);
    }
}
