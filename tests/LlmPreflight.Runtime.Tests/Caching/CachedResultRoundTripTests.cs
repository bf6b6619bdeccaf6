using System.ClientModel;
using System.Text.Json;
using Anthropic.Models.Messages;
using Betalgo.Ranul.OpenAI;
using Betalgo.Ranul.OpenAI.Managers;
using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
using Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OllamaSharp;
using OllamaSharp.Models;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Responses;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests.Caching;

/// <summary>
/// Every SDK's result, produced by the real client against the scripted server, is stored by the first call and served
/// by the second without a request; the copy carries the same text, usage and model as the original.
/// </summary>
public sealed class CachedResultRoundTripTests
{
    private const string StructuredJson =
        "{\"id\":\"chatcmpl-3\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"city\\\":\\\"Paris\\\",\\\"population\\\":2100000}\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":7,\"total_tokens\":16}}";

    private const string ResponsesJson =
        "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\"completed\",\"model\":\"gpt-4o-mini\","
        + "\"output\":[{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\","
        + "\"content\":[{\"type\":\"output_text\",\"text\":\"hello from responses\",\"annotations\":[]}]}],"
        + "\"parallel_tool_calls\":true,\"tool_choice\":\"auto\",\"tools\":[],"
        + "\"usage\":{\"input_tokens\":11,\"output_tokens\":3,\"total_tokens\":14,\"input_tokens_details\":{\"cached_tokens\":4},\"output_tokens_details\":{\"reasoning_tokens\":0}}}";

    private const string OllamaEmbedJson = "{\"model\":\"all-minilm\",\"embeddings\":[[0.5,0.25]],\"prompt_eval_count\":2}";

    public sealed class CityAnswer
    {
        public string? City { get; set; }

        public int Population { get; set; }
    }

    [Fact]
    public async Task OpenAI_ClientResult_of_ChatCompletion_is_rebuilt_with_a_raw_response()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(UsageResponses.ChatCompletion("gpt-4o-mini", 12, 4, cached: 2)));
        ChatClient client = Clients.Chat(server);
        object request = new object[] { client.Model, Clients.Messages };

        ClientResult<ChatCompletion> first = await LlmGuard.RunCachedAsync(request, ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        ClientResult<ChatCompletion> second = await LlmGuard.RunCachedAsync(request, ct => client.CompleteChatAsync(Clients.Messages, null, ct));

        Assert.Equal(1, server.Attempts);
        Assert.NotSame(first.Value, second.Value);
        Assert.Equal("priced", second.Value.Content[0].Text);
        Assert.Equal(first.Value.Content[0].Text, second.Value.Content[0].Text);
        AssertSameUsage(first, second, expectedInput: 12, expectedOutput: 4, expectedModel: "gpt-4o-mini");
        Assert.Equal(2, second.Value.Usage.InputTokenDetails.CachedTokenCount);
        Assert.Equal(first.Value.Id, second.Value.Id);

        var raw = second.GetRawResponse();
        Assert.Equal(200, raw.Status);
        Assert.True(raw.Headers.TryGetValue("x-llmpreflight-cache", out string? marker));
        Assert.Equal("hit", marker);
        Assert.Equal("priced", JsonDocument.Parse(raw.Content).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task OpenAI_ChatCompletion_value_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);

        ChatCompletion first = await LlmGuard.RunCachedAsync(Clients.Messages, async ct => (await client.CompleteChatAsync(Clients.Messages, null, ct)).Value);
        ChatCompletion second = await LlmGuard.RunCachedAsync(Clients.Messages, async ct => (await client.CompleteChatAsync(Clients.Messages, null, ct)).Value);

        Assert.Equal(1, server.Attempts);
        Assert.Equal("hello", second.Content[0].Text);
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        AssertSameUsage(first, second, expectedInput: 5, expectedOutput: 1, expectedModel: "gpt-4o-mini");
    }

    [Fact]
    public async Task OpenAI_embeddings_round_trip()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(UsageResponses.Embeddings("text-embedding-3-small", 7)));
        EmbeddingClient client = Clients.Embeddings(server);

        var first = await LlmGuard.RunCachedAsync("text", ct => client.GenerateEmbeddingsAsync(["text"], null, ct));
        var second = await LlmGuard.RunCachedAsync("text", ct => client.GenerateEmbeddingsAsync(["text"], null, ct));

        Assert.Equal(1, server.Attempts);
        Assert.Equal(new[] { 0.5f, 0.25f }, second.Value[0].ToFloats().ToArray());
        AssertSameUsage(first, second, expectedInput: 7, expectedOutput: 0, expectedModel: "text-embedding-3-small");
    }

    [Fact]
    public async Task OpenAI_ResponseResult_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(ResponsesJson));
        var client = new ResponsesClient(new ApiKeyCredential("test"), new ResponsesClientOptions { Endpoint = server.OpenAIEndpoint, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });
        object request = new object[] { "gpt-4o-mini", "hello?" };

        ClientResult<ResponseResult> first = await LlmGuard.RunCachedAsync(request, ct => client.CreateResponseAsync("gpt-4o-mini", "hello?", null, ct));
        ClientResult<ResponseResult> second = await LlmGuard.RunCachedAsync(request, ct => client.CreateResponseAsync("gpt-4o-mini", "hello?", null, ct));

        Assert.Equal(1, server.Attempts);
        Assert.Equal("hello from responses", second.Value.GetOutputText());
        Assert.Equal(first.Value.GetOutputText(), second.Value.GetOutputText());
        AssertSameUsage(first, second, expectedInput: 11, expectedOutput: 3, expectedModel: "gpt-4o-mini");
    }

    [Fact]
    public async Task MEAI_ChatResponse_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(UsageResponses.ChatCompletion("gpt-4o-mini", 8, 2)));
        IChatClient chat = Clients.Chat(server).AsIChatClient();
        List<Microsoft.Extensions.AI.ChatMessage> messages = [new(ChatRole.User, "hi")];
        var options = new ChatOptions { Temperature = 0.2f };

        ChatResponse first = await LlmGuard.RunCachedAsync(new object[] { messages, options }, ct => chat.GetResponseAsync(messages, options, ct));
        ChatResponse second = await LlmGuard.RunCachedAsync(new object[] { messages, options }, ct => chat.GetResponseAsync(messages, options, ct));

        Assert.Equal(1, server.Attempts);
        Assert.Equal("priced", second.Text);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.ResponseId, second.ResponseId);
        Assert.Equal(Microsoft.Extensions.AI.ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal(first.FinishReason, second.FinishReason);
        AssertSameUsage(first, second, expectedInput: 8, expectedOutput: 2, expectedModel: "gpt-4o-mini");
    }

    [Fact]
    public async Task MEAI_structured_ChatResponse_of_T_round_trips_with_its_result()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(StructuredJson));
        IChatClient chat = Clients.Chat(server).AsIChatClient();

        ChatResponse<CityAnswer> first = await LlmGuard.RunCachedAsync("capital of France", ct => chat.GetResponseAsync<CityAnswer>("capital of France", cancellationToken: ct));
        ChatResponse<CityAnswer> second = await LlmGuard.RunCachedAsync("capital of France", ct => chat.GetResponseAsync<CityAnswer>("capital of France", cancellationToken: ct));

        Assert.Equal(1, server.Attempts);
        Assert.Equal("Paris", second.Result.City);
        Assert.Equal(2100000, second.Result.Population);
        Assert.Equal(first.Text, second.Text);
        AssertSameUsage(first, second, expectedInput: 9, expectedOutput: 7, expectedModel: "gpt-4o-mini");
    }

    [Fact]
    public async Task MEAI_GeneratedEmbeddings_keep_their_usage()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(UsageResponses.Embeddings("text-embedding-3-small", 3)));
        IEmbeddingGenerator<string, Embedding<float>> generator = Clients.Embeddings(server).AsIEmbeddingGenerator();

        var first = await LlmGuard.RunCachedAsync("text", ct => generator.GenerateAsync(["text"], null, ct));
        var second = await LlmGuard.RunCachedAsync("text", ct => generator.GenerateAsync(["text"], null, ct));

        Assert.Equal(1, server.Attempts);
        Assert.Equal(new[] { 0.5f, 0.25f }, second[0].Vector.ToArray());
        Assert.Equal(3, second.Usage?.InputTokenCount);
        AssertSameUsage(first, second, expectedInput: 3, expectedOutput: 0, expectedModel: null);
    }

    [Fact]
    public async Task Anthropic_Message_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(UsageResponses.AnthropicMessage("claude-haiku-4-5", 20, 5, cacheRead: 10)));
        var client = Clients.Anthropic(server);
        var request = new MessageCreateParams { Model = "claude-haiku-4-5", MaxTokens = 16, Messages = [new UserMessageParam("hi")] };

        Message first = await LlmGuard.RunCachedAsync(request, ct => client.Messages.Create(request, ct));
        Message second = await LlmGuard.RunCachedAsync(request, ct => client.Messages.Create(request, ct));

        Assert.Equal(1, server.Attempts);
        Assert.True(second.Content[0].TryPickText(out var text));
        Assert.Equal("hi", text!.Text);
        Assert.Equal(first.ID, second.ID);
        AssertSameUsage(first, second, expectedInput: 30, expectedOutput: 5, expectedModel: "claude-haiku-4-5");
    }

    [Fact]
    public async Task Ollama_EmbedResponse_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(OllamaEmbedJson));
        var client = new OllamaApiClient(new Uri(server.Url), "all-minilm");
        var request = new EmbedRequest { Model = "all-minilm", Input = ["a"] };

        EmbedResponse first = await LlmGuard.RunCachedAsync(request, ct => client.EmbedAsync(request, ct));
        EmbedResponse second = await LlmGuard.RunCachedAsync(request, ct => client.EmbedAsync(request, ct));

        Assert.Equal(1, server.Attempts);
        Assert.Equal([0.5f, 0.25f], second.Embeddings[0]);
        Assert.Equal(2, second.PromptEvalCount);
        Assert.Equal(first.PromptEvalCount, second.PromptEvalCount);
    }

    [Fact]
    public async Task Betalgo_response_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        var service = new OpenAIService(new OpenAIOptions { ApiKey = "test-key", BaseDomain = server.Url.TrimEnd('/') }, new HttpClient());
        var request = new ChatCompletionCreateRequest { Model = "gpt-4o-mini", Messages = [Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.ChatMessage.FromUser("Hello")], MaxTokens = 16 };

        ChatCompletionCreateResponse first = await LlmGuard.RunCachedAsync(request, ct => service.ChatCompletion.CreateCompletion(request, cancellationToken: ct));
        ChatCompletionCreateResponse second = await LlmGuard.RunCachedAsync(request, ct => service.ChatCompletion.CreateCompletion(request, cancellationToken: ct));

        Assert.Equal(1, server.Attempts);
        Assert.True(second.Successful);
        Assert.Equal("hello", second.Choices[0].Message.Content);
        Assert.Equal(first.Model, second.Model);
        Assert.Equal(5, second.Usage.PromptTokens);
        Assert.Equal(first.Usage.CompletionTokens, second.Usage.CompletionTokens);
    }

    [Fact]
    public async Task SemanticKernel_ChatMessageContent_round_trips_and_its_usage_metadata_comes_back_as_json()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(UsageResponses.ChatCompletion("gpt-4o-mini", 6, 2)));
        IChatCompletionService service = new OpenAIChatCompletionService("gpt-4o-mini", new OpenAIClient(new ApiKeyCredential("test-key"), Clients.OpenAIOptions(server)));

        Microsoft.SemanticKernel.ChatMessageContent first = await LlmGuard.RunCachedAsync("Hello", ct => service.GetChatMessageContentAsync("Hello", cancellationToken: ct));
        Microsoft.SemanticKernel.ChatMessageContent second = await LlmGuard.RunCachedAsync("Hello", ct => service.GetChatMessageContentAsync("Hello", cancellationToken: ct));

        Assert.Equal(1, server.Attempts);
        Assert.Equal("priced", second.Content);
        Assert.Equal(first.Content, second.Content);
        Assert.Equal(first.ModelId, second.ModelId);
        Assert.Equal(AuthorRole.Assistant, second.Role);
        var usage = Assert.IsType<JsonElement>(second.Metadata!["Usage"]);
        Assert.Equal(6, usage.GetProperty("inputTokenCount").GetInt32());
        Assert.Equal(2, usage.GetProperty("outputTokenCount").GetInt32());
        Assert.Equal(((ChatTokenUsage)first.Metadata!["Usage"]!).InputTokenCount, usage.GetProperty("inputTokenCount").GetInt32());
    }

    private static void AssertSameUsage(object original, object cached, long expectedInput, long expectedOutput, string? expectedModel)
    {
        Assert.True(LlmUsageReaders.TryRead(original, out LlmUsage before), "no usage on the original");
        Assert.True(LlmUsageReaders.TryRead(cached, out LlmUsage after), "no usage on the cached copy");
        Assert.Equal(expectedInput, after.InputTokens);
        Assert.Equal(expectedOutput, after.OutputTokens);
        Assert.Equal(before.InputTokens, after.InputTokens);
        Assert.Equal(before.OutputTokens, after.OutputTokens);
        Assert.Equal(before.CachedInputTokens, after.CachedInputTokens);
        Assert.Equal(expectedModel, after.Model);
        Assert.Equal(before.Model, after.Model);
    }
}
