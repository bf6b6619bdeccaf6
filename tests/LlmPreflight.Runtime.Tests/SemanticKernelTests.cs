using System.ClientModel;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

/// <summary>
/// Semantic Kernel wraps the OpenAI SDK's failures in <c>HttpOperationException</c>; the guard reads its status and
/// retries the transient ones, through the real connector against the local server.
/// </summary>
public sealed class SemanticKernelTests
{
    private static IChatCompletionService Service(ScriptedServer server) =>
        new OpenAIChatCompletionService("gpt-4o-mini", new OpenAIClient(new ApiKeyCredential("test-key"), Clients.OpenAIOptions(server)));

    [Fact]
    public async Task A_503_behind_HttpOperationException_is_retried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(503, """{"error":{"message":"overloaded"}}"""), Json(ChatCompletionJson));
        var service = Service(server);

        var reply = await LlmGuard.RunAsync(ct => service.GetChatMessageContentAsync("Hello", cancellationToken: ct));

        Assert.False(string.IsNullOrEmpty(reply.Content));
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task A_400_behind_HttpOperationException_is_not_retried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(400, """{"error":{"message":"bad request"}}"""));
        var service = Service(server);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => LlmGuard.RunAsync(ct => service.GetChatMessageContentAsync("Hello", cancellationToken: ct)));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(1, server.Attempts);
    }
}
