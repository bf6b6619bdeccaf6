using System.Text.Json;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using OllamaSharp;
using OllamaSharp.Models;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;
using static LlmPreflight.Runtime.Tests.Infrastructure.UsageResponses;
using SkChatMessageContent = Microsoft.SemanticKernel.ChatMessageContent;

namespace LlmPreflight.Runtime.Tests;

/// <summary>The built-in readers on result types the other tests do not reach through a server.</summary>
public sealed class UsageReaderTests
{
    private static SkChatMessageContent SemanticKernelContent(int input, int output, int cached)
        => new(AuthorRole.Assistant, "hi", modelId: "gpt-4o-mini", metadata: new Dictionary<string, object?>
        {
            ["Usage"] = OpenAIChatModelFactory.ChatTokenUsage(
                outputTokenCount: output,
                inputTokenCount: input,
                totalTokenCount: input + output,
                inputTokenDetails: OpenAIChatModelFactory.ChatInputTokenUsageDetails(cachedTokenCount: cached)),
        });

    [Fact]
    public async Task SemanticKernelContentsAreSummedFromMetadataUsage()
    {
        FastPolicy.Configure();
        IReadOnlyList<SkChatMessageContent> contents = [SemanticKernelContent(10, 3, 4), SemanticKernelContent(20, 5, 0)];

        await LlmGuard.RunAsync(_ => Task.FromResult(contents));

        LlmCostLine line = Assert.Single(LlmGuard.Costs.Snapshot());
        Assert.Equal(("gpt-4o-mini", 30L, 4L, 8L), (line.Model, line.InputTokens, line.CachedInputTokens, line.OutputTokens));
        Assert.True(LlmUsageReaders.TryRead(contents[0], out LlmUsage one));
        Assert.Equal("openai", one.Provider);
    }

    [Fact]
    public void StructuredChatResponseIsReadThroughItsBaseType()
    {
        var inner = new ChatResponse { ModelId = "gpt-4o", Usage = new UsageDetails { InputTokenCount = 5, OutputTokenCount = 2, CachedInputTokenCount = 1 } };

        Assert.True(LlmUsageReaders.TryRead(new ChatResponse<int>(inner, JsonSerializerOptions.Default), out LlmUsage usage));

        Assert.Equal((5L, 2L, 1L, "gpt-4o"), (usage.InputTokens, usage.OutputTokens, usage.CachedInputTokens, usage.Model));
    }

    [Fact]
    public async Task SynchronousOpenAICallIsRecorded()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(ChatCompletion("gpt-4o", 100, 10)));
        var client = Clients.Chat(server);

        LlmGuard.Run(ct => client.CompleteChat(Clients.Messages, null, ct));

        LlmCostLine line = Assert.Single(LlmGuard.Costs.Snapshot());
        Assert.Equal(("gpt-4o", 100L, 10L), (line.Model, line.InputTokens, line.OutputTokens));
        Assert.Equal(((100 * 2.50m) + (10 * 10.00m)) / 1_000_000m, line.Cost);
    }

    [Fact]
    public async Task OllamaEmbedResponseCarriesItsPromptEvalCount()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json("{\"model\":\"all-minilm\",\"embeddings\":[[0.5,0.25]],\"prompt_eval_count\":7}"));
        var client = new OllamaApiClient(new Uri(server.Url), "all-minilm");

        // EmbedResponse names no model, so the scope's requested model is recorded.
        EmbedResponse response;
        using (LlmGuard.BeginScope(new LlmCallContext { Model = "all-minilm" }))
        {
            response = await LlmGuard.RunAsync(ct => client.EmbedAsync(new EmbedRequest { Model = "all-minilm", Input = ["a"] }, ct));
        }

        Assert.True(LlmUsageReaders.TryRead(response, out LlmUsage usage));
        Assert.Equal(("ollama", null), (usage.Provider, usage.Model));
        LlmCostLine line = Assert.Single(LlmGuard.Costs.Snapshot());
        Assert.Equal(("all-minilm", 7L, 1L), (line.Model, line.InputTokens, line.UnpricedCalls));
    }

    [Fact]
    public async Task OpenAIResponsesResultIsPricedWithItsCachedInput()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(
            "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\"completed\",\"model\":\"gpt-4.1-2025-04-14\","
            + "\"output\":[{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hi\",\"annotations\":[]}]}],"
            + "\"usage\":{\"input_tokens\":100,\"input_tokens_details\":{\"cached_tokens\":40},\"output_tokens\":20,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":120}}"));
        var client = new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential("test"), Clients.OpenAIOptions(server)).GetResponsesClient();

        await LlmGuard.RunAsync(ct => client.CreateResponseAsync("gpt-4.1", "hi", null, ct));

        LlmCostLine line = Assert.Single(LlmGuard.Costs.Snapshot());
        Assert.Equal(("gpt-4.1-2025-04-14", 100L, 40L, 20L), (line.Model, line.InputTokens, line.CachedInputTokens, line.OutputTokens));
        // gpt-4.1: 2.00 input, 0.50 cached input, 8.00 output per million.
        Assert.Equal(((60 * 2.00m) + (40 * 0.50m) + (20 * 8.00m)) / 1_000_000m, line.Cost);
    }

    [Fact]
    public async Task ResultWithoutUsageIsRecordedAsUnpriced()
    {
        FastPolicy.Configure();

        await LlmGuard.RunAsync(_ => Task.FromResult("plain text"));

        LlmCostLine line = Assert.Single(LlmGuard.Costs.Snapshot());
        Assert.Equal((null, 1L, 1L, 0m), (line.Model, line.Calls, line.UnpricedCalls, line.Cost));
    }
}
