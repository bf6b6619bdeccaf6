using Betalgo.Ranul.OpenAI;
using Betalgo.Ranul.OpenAI.Managers;
using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
using LlmPreflight.Runtime.Tests.Infrastructure;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

/// <summary>
/// Betalgo.Ranul.OpenAI does not throw on HTTP errors: it returns a response with <c>Successful == false</c>. The guard
/// retries the transient ones (429, 5xx) and, when the retries are spent, hands back the last response unchanged.
/// </summary>
public sealed class BetalgoTests
{
    private const string OverloadedBody = """{"error":{"message":"The server is overloaded","type":"server_error","code":null}}""";

    private static OpenAIService Service(ScriptedServer server) =>
        new(new OpenAIOptions { ApiKey = "test-key", BaseDomain = server.Url.TrimEnd('/') }, new HttpClient());

    private static ChatCompletionCreateRequest Request() => new()
    {
        Model = "gpt-4o-mini",
        Messages = [ChatMessage.FromUser("Hello")],
        MaxTokens = 16,
    };

    [Fact]
    public async Task A_transient_error_response_is_retried_until_a_success()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(503, OverloadedBody), Json(ChatCompletionJson));
        var service = Service(server);

        var response = await LlmGuard.RunAsync(ct => service.ChatCompletion.CreateCompletion(Request(), cancellationToken: ct));

        Assert.True(response.Successful);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task A_client_error_response_is_returned_at_once()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(400, """{"error":{"message":"bad request","type":"invalid_request_error","code":null}}"""));
        var service = Service(server);

        var response = await LlmGuard.RunAsync(ct => service.ChatCompletion.CreateCompletion(Request(), cancellationToken: ct));

        Assert.False(response.Successful);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task When_retries_are_spent_the_last_error_response_comes_back_unchanged()
    {
        FastPolicy.Configure(p => p.MaxRetries = 2);
        await using var server = new ScriptedServer(Status(503, OverloadedBody), Status(503, OverloadedBody), Status(503, OverloadedBody));
        var service = Service(server);

        var response = await LlmGuard.RunAsync(ct => service.ChatCompletion.CreateCompletion(Request(), cancellationToken: ct));

        Assert.False(response.Successful);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.HttpStatusCode);
        Assert.Equal(3, server.Attempts);
    }
}
