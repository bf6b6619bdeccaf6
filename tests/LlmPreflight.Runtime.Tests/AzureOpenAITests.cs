using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using LlmPreflight.Runtime.Tests.Infrastructure;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;
using static LlmPreflight.Runtime.Tests.Infrastructure.UsageResponses;

namespace LlmPreflight.Runtime.Tests;

/// <summary>
/// The guard around the real Azure OpenAI 2.x client (a deployment-scoped OpenAI ChatClient behind Azure's
/// routes and api-version), against the scripted local server.
/// </summary>
public sealed class AzureOpenAITests
{
    private const string Deployment = "chat-prod";

    private static ChatClient Chat(ScriptedServer server)
    {
        // The SDK's own retries off, as docs/runtime.md says to do for guarded clients: attempts would multiply.
        var options = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) };
        return new AzureOpenAIClient(new Uri(server.Url), new ApiKeyCredential("test"), options).GetChatClient(Deployment);
    }

    [Fact]
    public async Task RateLimitedWithRetryAfterIsRetriedOnTheDeploymentRoute()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(429, null, ("Retry-After", "1")), Json(ChatCompletion("gpt-4o-mini-2024-07-18", 100, 20)));

        ClientResult<ChatCompletion> result = await LlmGuard.RunAsync(ct => Chat(server).CompleteChatAsync(Clients.Messages, null, ct));

        Assert.Equal("priced", result.Value.Content[0].Text);
        Assert.Equal(2, server.Attempts);
        Assert.All(server.Requests, request => Assert.StartsWith($"/openai/deployments/{Deployment}/chat/completions", request.Path, StringComparison.Ordinal));
        Assert.InRange((server.Requests[1].At - server.Requests[0].At).TotalMilliseconds, 900, 3000);
    }

    [Fact]
    public async Task ABadRequestIsNotRetried()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"bad\"}}"));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => LlmGuard.RunAsync(ct => Chat(server).CompleteChatAsync(Clients.Messages, null, ct)));

        Assert.Equal(400, error.Status);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task ServiceUnavailableThenSuccessBillsTheAnsweringModelOnce()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(503), Json(ChatCompletion("gpt-4o-mini-2024-07-18", input: 1200, output: 300, cached: 200)));

        await LlmGuard.RunAsync(ct => Chat(server).CompleteChatAsync(Clients.Messages, null, ct));

        Assert.Equal(2, server.Attempts);
        LlmCostLine line = Assert.Single(LlmGuard.Costs.Snapshot());

        // Azure bills by the model the deployment runs, which the response names (not the deployment name).
        Assert.Equal("gpt-4o-mini-2024-07-18", line.Model);
        Assert.Equal((1L, 1200L, 200L, 300L), (line.Calls, line.InputTokens, line.CachedInputTokens, line.OutputTokens));
        Assert.Equal(((1000 * 0.15m) + (200 * 0.075m) + (300 * 0.60m)) / 1_000_000m, line.Cost);
    }

    [Fact]
    public async Task AStreamIsRetriedBeforeItsFirstItemAndItsUsageIsRecordedOnce()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(500), ChatStreamWithUsage("gpt-4o-mini", 40, 7, "Hel", "lo"));
        var text = new List<string>();

        await foreach (StreamingChatCompletionUpdate update in LlmGuard.StreamAsync(ct => Chat(server).CompleteChatStreamingAsync(Clients.Messages, null, ct)))
        {
            text.AddRange(update.ContentUpdate.Select(part => part.Text));
        }

        Assert.Equal("Hello", string.Concat(text));
        Assert.Equal(2, server.Attempts);
        LlmCostLine line = Assert.Single(LlmGuard.Costs.Snapshot());
        Assert.Equal((1L, 40L, 7L), (line.Calls, line.InputTokens, line.OutputTokens));
    }

    [Fact]
    public async Task AnAttemptThatOutlivesTheAttemptTimeoutIsAbandonedAndRetried()
    {
        FastPolicy.Configure(p => p.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        await using var server = new ScriptedServer(After(TimeSpan.FromSeconds(3), Json(ChatCompletion("gpt-4o-mini", 1, 1))), Json(ChatCompletion("gpt-4o-mini", 1, 1)));

        ClientResult<ChatCompletion> result = await LlmGuard.RunAsync(ct => Chat(server).CompleteChatAsync(Clients.Messages, null, ct));

        Assert.Equal("priced", result.Value.Content[0].Text);
        Assert.Equal(2, server.Attempts);
    }
}
